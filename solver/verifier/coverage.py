"""Who covers which queue in which slot: per-slot integer arrays built from difference arrays.

An agent covers slot ``s`` on queue ``q`` when one of their activities on ``q`` spans the
whole slot. Each agent counts at most once per queue and slot, even when their activities
overlap (an overlap is reported by the rules, not double counted here).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate

from solver.problem import Agent, Problem
from solver.verifier.clock import SiteClock, epoch, shown_by_clocks
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


def _covered_slots(clock: SiteClock, start: int, end: int) -> tuple[int, int]:
    """Slots ``[first, last)`` lying wholly inside ``[start, end)``, clipped to the horizon."""
    size = clock.slot_seconds
    first = -((clock.start - start) // size)  # ceil((start - clock.start) / size)
    last = (end - clock.start) // size
    return max(first, 0), min(last, clock.slot_count)


def coverage(
    problem: Problem, clock: SiteClock, shifts: list[PlacedShift], agents: dict[str, Agent]
) -> Coverage:
    """Scheduled agents per slot on each queue, with the countries serving it."""
    required, notes = required_agents(problem, clock)
    ranges: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for shift in shifts:
        if shift.agent_id not in agents:
            continue
        for act in shift.activities:
            first, last = _covered_slots(clock, act.start, act.end)
            if last > first:
                ranges[shift.agent_id, act.queue].append((first, last))
    diffs: dict[tuple[str, str], list[int]] = {}
    for (agent_id, queue), spans in ranges.items():
        if queue not in required:
            continue
        key = (queue, agents[agent_id].country)
        diff = diffs.setdefault(key, [0] * (clock.slot_count + 1))
        cursor = 0
        for first, last in sorted(spans):
            first = max(first, cursor)
            if last > first:
                diff[first] += 1
                diff[last] -= 1
                cursor = last
    scheduled = {q: [0] * clock.slot_count for q in required}
    countries: dict[str, list[tuple[str, ...]]] = {}
    per_country: dict[str, list[tuple[str, list[int]]]] = defaultdict(list)
    for (queue, country), diff in sorted(diffs.items()):
        counts = list(accumulate(diff[:-1]))
        per_country[queue].append((country, counts))
        total = scheduled[queue]
        for slot, count in enumerate(counts):
            total[slot] += count
    for queue in required:
        present = per_country.get(queue, [])
        countries[queue] = [
            tuple(country for country, counts in present if counts[slot])
            for slot in range(clock.slot_count)
        ]
    return Coverage(required, scheduled, countries, notes)
