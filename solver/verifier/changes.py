"""How far a roster moved from the previous one: the re-planning terms of the objective.

A day of an agent has changed when the shifts starting on it differ in any way (start,
end, breaks) from those of the previous roster; changed hours are the worked time added
or removed, instant by instant. Both are zero without a previous roster.
"""

from __future__ import annotations

from collections import defaultdict

from solver.problem import Problem
from solver.roster import Roster, Shift, Span
from solver.verifier.clock import SiteClock
from solver.verifier.intervals import Interval, merged, overlap_seconds
from solver.verifier.placed import PlacedShift, place_shifts

HOUR = 3600.0


def _previous(problem: Problem, clock: SiteClock) -> list[PlacedShift]:
    shifts = [
        Shift(
            agent_id=p.agent_id,
            start=p.start,
            end=p.end,
            breaks=[Span(start=b.start, end=b.end) for b in p.breaks],
        )
        for p in problem.previous_roster
    ]
    return place_shifts(Roster(shifts=shifts), clock)


def _worked(shifts: list[PlacedShift]) -> list[Interval]:
    return merged(span for shift in shifts for span in shift.work_spans)


def changes(problem: Problem, clock: SiteClock, placed: list[PlacedShift]) -> tuple[int, float]:
    """(changed agent-days, changed hours) of ``placed`` against the previous roster."""
    if not problem.previous_roster:
        return 0, 0.0
    before: dict[str, list[PlacedShift]] = defaultdict(list)
    after: dict[str, list[PlacedShift]] = defaultdict(list)
    for shift in _previous(problem, clock):
        before[shift.agent_id].append(shift)
    for shift in placed:
        after[shift.agent_id].append(shift)
    changed_days = 0
    changed_seconds = 0
    for agent in set(before) | set(after):
        old, new = before[agent], after[agent]
        for day in {s.day for s in old} | {s.day for s in new}:
            old_day = sorted((s.start, s.end, s.breaks) for s in old if s.day == day)
            new_day = sorted((s.start, s.end, s.breaks) for s in new if s.day == day)
            changed_days += old_day != new_day
        old_work, new_work = _worked(old), _worked(new)
        common = sum(overlap_seconds(new_work, s, e) for s, e in old_work)
        total = sum(e - s for s, e in old_work) + sum(e - s for s, e in new_work)
        changed_seconds += total - 2 * common
    return changed_days, changed_seconds / HOUR
