"""Working days: at most ``max_working_days_per_week`` days with a shift in each 7-day
block from the first planned day.

Verifier reading: ``solver.verifier.agent_checks`` (``max_working_days_per_week``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from solver.rules.explain import by_agent_day, enforce, worked_day
from solver.rules.lp import LinearRows

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.builder import ShiftModel
    from solver.model.inputs import ModelInputs


def week_days(inputs: ModelInputs, week: int) -> range:
    """The planned days of one 7-day block."""
    return range(7 * week, min(7 * week + 7, inputs.problem.horizon.days))


def add_constraints(built: ShiftModel, explain: frozenset[int]) -> None:
    """CP-SAT: per agent and block, the days worked (one shift a day: the day's sum of
    choices; several: a flag each shift of the day implies) are at most the limit."""
    inputs = built.inputs
    most = inputs.problem.rules.max_working_days_per_week
    per_day = by_agent_day(inputs.candidates)
    for agent in range(len(inputs.agents)):
        for week in range(inputs.grid.week_count):
            flags: list[cp_model.LinearExprT] = [
                worked_day(built, agent, day, per_day[(agent, day)])
                for day in week_days(inputs, week)
                if (agent, day) in per_day
            ]
            if len(flags) > most:
                ct = built.model.add(sum(flags) <= most)
                enforce(built, ct, agent, "max_working_days_per_week", explain)


def lp_row(inputs: ModelInputs, members: list[int], chosen: list[int], le: LinearRows) -> None:
    """LP: one agent-week's shifts count its days, valid with one shift a day only."""
    if inputs.problem.rules.max_shifts_per_day == 1:
        most = inputs.problem.rules.max_working_days_per_week
        le.add([(chosen[i], 1.0) for i in members], float(most))


def week_plan_max_days(inputs: ModelInputs, planned_days: int) -> int:
    """Week-plan DP: the most days a plan of ``planned_days`` days may work."""
    return min(inputs.problem.rules.max_working_days_per_week, planned_days)


def may_join(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    """Greedy: the candidate's day, with the days already worked in its block."""
    week_of = inputs.week_of_day
    week = week_of[cand.day]
    days = {t.day for t in taken if week_of[t.day] == week} | {cand.day}
    return len(days) <= inputs.problem.rules.max_working_days_per_week
