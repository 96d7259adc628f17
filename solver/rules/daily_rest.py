"""Daily rest: ``min_rest_minutes`` between shifts of different site days (11 h).

Candidates never cross the end of their site day, so only shifts one or two days apart
can be too close. Shifts worked before the horizon (``previous_shifts``) push the first
slot an agent may start at (``first_slot_after``), so no candidate starts too soon after
them and every form keeps that part of the rule by construction. Verifier reading:
``solver.verifier.agent_checks`` (``min_rest``).

The week-plan DP's form (``week_plan_levels``) is a *restriction level* per day: how many
of the agent's candidate starts of that day and the next the last shift before it
forbids. The levels whose shifts a candidate may follow are always a prefix, which is
what lets the DP (``solver.agent_week``) take one cumulative minimum a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from solver.rules.explain import by_agent_day, enforce
from solver.rules.lp import LinearRows

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.builder import ShiftModel
    from solver.model.inputs import ModelInputs, WorkedBefore
    from solver.problem import Problem


def rest_slots(inputs: ModelInputs) -> int:
    """The daily rest in whole slots, rounded up."""
    return -(-inputs.problem.rules.min_rest_minutes // inputs.problem.horizon.slot_minutes)


def first_slot_after(problem: Problem, history: list[WorkedBefore]) -> int:
    """The first slot an agent may start at after the shifts worked before the horizon."""
    if not history:
        return 0
    rest = -(-problem.rules.min_rest_minutes // problem.horizon.slot_minutes)
    return max(0, max(w.end for w in history) + rest)


def _conflicts(
    inputs: ModelInputs, per_day: dict[tuple[int, int], list[int]]
) -> list[tuple[int, list[int], list[int]]]:
    """(agent, first-day shifts ending at or after some end ``e``, later shifts starting
    before ``e + rest``): one group per agent-day and distinct end time."""
    rest = rest_slots(inputs)
    cands = inputs.candidates
    found = []
    for (agent, day), members in per_day.items():
        later = [i for d in (day + 1, day + 2) for i in per_day.get((agent, d), [])]
        if not later:
            continue
        for end in sorted({cands[i].end for i in members}):
            second = [i for i in later if cands[i].start < end + rest]
            if second:
                found.append((agent, [i for i in members if cands[i].end >= end], second))
    return found


def add_constraints(built: ShiftModel, explain: frozenset[int]) -> None:
    """CP-SAT: for each end time ``e`` of a day, a shift ending at or after ``e`` excludes
    every later-day shift starting before ``e + rest``.

    With one shift a day the shifts ending at or after ``e`` exclude each other already,
    and so do the later-day ones, so a single clique per end time is exact; with several,
    each shift ending exactly at ``e`` forbids the later ones.
    """
    inputs = built.inputs
    if rest_slots(inputs) == 0:
        return
    cands = inputs.candidates
    if inputs.problem.rules.max_shifts_per_day == 1:
        for agent, first, second in _conflicts(inputs, by_agent_day(cands)):
            ct = built.model.add_at_most_one(built.chosen[i] for i in first + second)
            enforce(built, ct, agent, "min_rest", explain)
        return
    for agent, first, second in _conflicts(inputs, by_agent_day(cands)):
        end = min(cands[i].end for i in first)
        for i in first:
            if cands[i].end == end:
                ct = built.model.add(sum(built.chosen[j] for j in second) == 0)
                ct.only_enforce_if(built.chosen[i])
                enforce(built, ct, agent, "min_rest", explain)


def lp_rows(
    inputs: ModelInputs,
    per_day: dict[tuple[int, int], list[int]],
    chosen: list[int],
    le: LinearRows,
) -> None:
    """LP: the same cliques as the CP-SAT form, valid with one shift a day only."""
    if inputs.problem.rules.max_shifts_per_day != 1:
        return
    for _agent, first, second in _conflicts(inputs, per_day):
        le.add([(chosen[i], 1.0) for i in first + second], 1.0)


def may_join(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    """Greedy: the rest to every shift of another day, either way round."""
    rest = rest_slots(inputs)
    for other in taken:
        if other.day == cand.day:
            continue
        first, second = (other, cand) if other.start < cand.start else (cand, other)
        if second.start < first.end + rest:
            return False
    return True


@dataclass(frozen=True)
class WeekPlanRest:
    """Daily rest as the week-plan DP counts it, for one agent's candidates.

    The *level* entering day ``x`` is how many of the distinct candidate starts of days
    ``x`` and ``x + 1`` the agent's last shift forbids (those before its end plus the
    rest); 0 is free. Starts of day ``x`` all come before those of ``x + 1``, so a level
    forbids a prefix of them, and a candidate starting at ``s`` may follow exactly the
    levels up to ``admits`` (the count of those starts before ``s``). A rest of at most
    24 h cannot reach day ``x + 2`` from a shift of day ``x - 1`` or earlier (every shift
    ends by the end of its site day, and two site days last 46 h at least), so the level
    says everything later days need.
    """

    admits: np.ndarray  # per candidate: the highest level entering its day it may follow
    leaves: np.ndarray  # per candidate: the level it leaves entering the next day
    lifted: np.ndarray  # per day: a day off turns level ``l`` into ``max(0, l - lifted)``


def week_plan_levels(
    inputs: ModelInputs, day: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> WeekPlanRest:
    """The restriction levels of one agent's candidates (``day``, ``starts``, ``ends``:
    one entry per candidate), exact with one shift a day.

    Shifts before the horizon need no level: ``first_slot_after`` already dropped the
    candidates they forbid, so the first day enters at level 0.
    """
    days = inputs.problem.horizon.days
    rest = rest_slots(inputs)
    if rest == 0 or starts.size == 0:
        zeros = np.zeros(starts.size, dtype=np.int64)
        return WeekPlanRest(zeros, zeros.copy(), np.zeros(days, dtype=np.int64))
    # Slots are absolute, so "distinct starts of days x and x + 1 before t" is a count of
    # the agent's distinct starts in [first slot of day x, t).
    distinct = np.unique(starts)
    day_starts = np.array([r.start for r in inputs.grid.slots_of_day] + [inputs.grid.count])
    from_day = np.searchsorted(distinct, day_starts)  # distinct starts before each day
    admits = np.searchsorted(distinct, starts) - from_day[day]
    leaves = np.maximum(0, np.searchsorted(distinct, ends + rest) - from_day[day + 1])
    return WeekPlanRest(admits, leaves, np.diff(from_day))
