"""Who covers which queue in which slot: per-slot integer arrays built from difference arrays.

An agent covers slot ``s`` on queue ``q`` when one of their activities on ``q`` spans the
whole slot. Each agent counts at most once per queue and slot, even when their activities
overlap (an overlap is reported by the rules, not double counted here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from solver.problem import Agent, Problem
from solver.verifier.clock import SiteClock, epoch, shown_by_clocks
from solver.verifier.intervals import Interval
from solver.verifier.placed import PlacedShift


@dataclass(frozen=True)
class Coverage:
    """Required and scheduled agents per queue and slot, and who serves from where."""

    required: dict[str, list[int]]
    scheduled: dict[str, list[int]]
    countries: dict[str, list[tuple[str, ...]]]
    notes: list[str]


def required_agents(problem: Problem, clock: SiteClock) -> tuple[dict[str, list[int]], list[str]]:
    """Demand per queue and slot; series the verifier cannot place are noted and left out."""
    required = {q.id: [0] * clock.slot_count for q in problem.queues}
    seen = {q.id: [False] * clock.slot_count for q in problem.queues}
    notes = []
    for index, series in enumerate(problem.demand):
        where = f"demand[{index}]"
        if series.queue not in required:
            notes.append(f"{where}: unknown queue {series.queue!r}, ignored")
            continue
        if series.start.tzinfo is None and not shown_by_clocks(series.start, clock.zone):
            notes.append(
                f"{where}: start {series.start} does not exist in {clock.zone.key} "
                "(the clocks skip it), ignored"
            )
            continue
        offset = epoch(series.start, clock.zone) - clock.start
        first, misaligned = divmod(offset, clock.slot_seconds)
        if misaligned:
            notes.append(f"{where}: start {series.start} is not on the slot grid, ignored")
            continue
        values, taken = required[series.queue], seen[series.queue]
        dropped = 0
        for k, value in enumerate(series.required):
            slot = first + k
            if not 0 <= slot < clock.slot_count:
                dropped += 1
                continue
            if taken[slot]:
                notes.append(f"{where}: slot {slot} already has demand; the later value is used")
            values[slot], taken[slot] = value, True
        if dropped:
            notes.append(f"{where}: {dropped} slot(s) outside the horizon ignored")
    return required, notes


def _covered_slots(start: int, slot_seconds: int, slot_count: int, span: Interval) -> range:
    """Slots lying wholly inside ``span``, clipped to the ``slot_count`` slots from ``start``."""
    first = -((start - span[0]) // slot_seconds)  # ceil((span start - start) / slot_seconds)
    last = (span[1] - start) // slot_seconds
    return range(max(first, 0), min(last, slot_count))


def staffed_by_country(
    start: int,
    slot_seconds: int,
    slot_count: int,
    spans: Iterable[tuple[str, str, str, Interval]],
) -> dict[tuple[str, str], list[int]]:
    """Agents covering each slot, per queue and country: the caller notice's one computation.

    ``spans`` are ``(agent_id, queue, country, (start, end))`` in epoch seconds. An agent
    covers a slot when one of their spans on the queue holds the whole slot, and counts at
    most once per queue and slot however their spans overlap. Used by the verifier's coverage
    and by the API's caller notice (on the published roster, absences taken out), so the
    countries a caller is told and those the roster's report shows are counted alike.
    """
    ranges: dict[tuple[str, str, str], list[range]] = defaultdict(list)
    for agent_id, queue, country, span in spans:
        slots = _covered_slots(start, slot_seconds, slot_count, span)
        if slots:
            ranges[queue, country, agent_id].append(slots)
    diffs: dict[tuple[str, str], list[int]] = {}
    for (queue, country, _agent), covered in ranges.items():
        diff = diffs.setdefault((queue, country), [0] * (slot_count + 1))
        cursor = 0
        for slots in sorted(covered, key=lambda r: (r.start, r.stop)):
            first = max(slots.start, cursor)
            if slots.stop > first:
                diff[first] += 1
                diff[slots.stop] -= 1
                cursor = slots.stop
    return {key: list(accumulate(diff[:-1])) for key, diff in sorted(diffs.items())}


def countries_by_slot(
    staffed: dict[tuple[str, str], list[int]], queue: str, slot_count: int
) -> list[tuple[str, ...]]:
    """The countries (sorted) with at least one agent on ``queue`` in each slot."""
    present = [(country, counts) for (q, country), counts in staffed.items() if q == queue]
    present.sort()
    return [
        tuple(country for country, counts in present if counts[slot]) for slot in range(slot_count)
    ]


def coverage(
    problem: Problem, clock: SiteClock, shifts: list[PlacedShift], agents: dict[str, Agent]
) -> Coverage:
    """Scheduled agents per slot on each queue, with the countries serving it."""
    required, notes = required_agents(problem, clock)
    spans = (
        (shift.agent_id, act.queue, agents[shift.agent_id].country, (act.start, act.end))
        for shift in shifts
        if shift.agent_id in agents
        for act in shift.activities
        if act.queue in required
    )
    staffed = staffed_by_country(clock.start, clock.slot_seconds, clock.slot_count, spans)
    scheduled = {q: [0] * clock.slot_count for q in required}
    for (queue, _country), counts in staffed.items():
        total = scheduled[queue]
        for slot, count in enumerate(counts):
            total[slot] += count
    countries = {q: countries_by_slot(staffed, q, clock.slot_count) for q in required}
    return Coverage(required, scheduled, countries, notes)
