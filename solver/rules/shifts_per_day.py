"""Shifts per day: at most ``max_shifts_per_day`` a site day, never overlapping, with
``min_gap_same_day_minutes`` between two shifts of one day.

Verifier reading: ``solver.verifier.agent_checks`` (``max_shifts_per_day``, ``same_day_gap``,
``overlapping_shifts``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solver.rules.explain import by_agent_day, enforce
from solver.rules.lp import LinearRows

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.builder import ShiftModel
    from solver.model.inputs import ModelInputs


def gap_slots(inputs: ModelInputs) -> int:
    """The same-day gap in whole slots, rounded up."""
    return -(-inputs.problem.rules.min_gap_same_day_minutes // inputs.problem.horizon.slot_minutes)


def add_constraints(built: ShiftModel, explain: frozenset[int]) -> None:
    """CP-SAT: one at-most row per agent-day, and gap cliques when several are allowed."""
    rules = built.inputs.problem.rules
    gap = gap_slots(built.inputs)
    cands = built.inputs.candidates
    for (agent, _day), members in by_agent_day(cands).items():
        if rules.max_shifts_per_day == 1:
            ct = built.model.add_at_most_one(built.chosen[i] for i in members)
            enforce(built, ct, agent, "max_shifts_per_day", explain)
            continue
        ct = built.model.add(sum(built.chosen[i] for i in members) <= rules.max_shifts_per_day)
        enforce(built, ct, agent, "max_shifts_per_day", explain)
        slots = sorted({s for i in members for s in range(cands[i].start, cands[i].end + gap)})
        for slot in slots:
            clique = [i for i in members if cands[i].start <= slot < cands[i].end + gap]
            if len(clique) > 1:
                ct = built.model.add_at_most_one(built.chosen[i] for i in clique)
                enforce(built, ct, agent, "same_day_gap", explain)


def lp_rows(
    inputs: ModelInputs,
    per_day: dict[tuple[int, int], list[int]],
    chosen: list[int],
    le: LinearRows,
) -> None:
    """LP: the count row of each agent-day (the gap cliques are left out: a relaxation)."""
    most = float(inputs.problem.rules.max_shifts_per_day)
    for members in per_day.values():
        le.add([(chosen[i], 1.0) for i in members], most)


def may_join(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    """Greedy: a free place on the day, and the gap to every shift of that day."""
    same_day = [t for t in taken if t.day == cand.day]
    if len(same_day) >= inputs.problem.rules.max_shifts_per_day:
        return False
    gap = gap_slots(inputs)
    for other in same_day:
        first, second = (other, cand) if other.start < cand.start else (cand, other)
        if second.start < first.end + gap:
            return False
    return True
