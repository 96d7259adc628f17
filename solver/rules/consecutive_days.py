"""Consecutive days: at most ``max_consecutive_days`` site days in a row with a shift,
counting the days worked just before the horizon (``previous_shifts``), so that two
periods planned one after the other cannot chain into ten days in a row.

Only runs that reach into the horizon count; days after its end are not known here (the
next period sees this one's shifts as its previous shifts). The week-plan DP counts the
run of days worked in its state for the agents whose candidates could break the rule
(``week_plan_run_cap``, ``run_before``). Verifier reading:
``solver.verifier.agent_checks`` (``max_consecutive_days``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from solver.rules.explain import by_agent_day, enforce, worked_day
from solver.rules.lp import LinearRows

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.builder import ShiftModel
    from solver.model.inputs import ModelInputs


def days_before(inputs: ModelInputs, agent: int) -> set[int]:
    """Site days (negative) the agent worked before the horizon."""
    return {w.day for w in inputs.history.get(agent, [])}


def run_before(inputs: ModelInputs, agent: int) -> int:
    """Days the agent worked in a row just before the horizon (up to its day -1)."""
    before = days_before(inputs, agent)
    run = 0
    while -1 - run in before:
        run += 1
    return run


def week_plan_run_cap(inputs: ModelInputs, agent: int, day_of: np.ndarray) -> int:
    """Week-plan DP: the rule's maximum when some plan of the agent could break it (the
    DP then counts the run of days worked in its state), else 0 (it need not).

    A plan can break it only on a run of ``max + 1`` days that the CP-SAT form constrains
    (``_windows``: not inside one block where the working-days rule is tighter) and whose
    planned days all have a candidate (``day_of``: each candidate's day).
    """
    workable = set(np.unique(day_of).tolist())
    for planned, _worked in _windows(inputs, agent):
        if all(d in workable for d in planned):
            return inputs.problem.rules.max_consecutive_days
    return 0


def _windows(inputs: ModelInputs, agent: int) -> list[tuple[range, int]]:
    """Each run of ``max + 1`` days that holds a planned day, with how many of its days
    were worked before the horizon: at most ``max - that`` of its planned days may be."""
    most = inputs.problem.rules.max_consecutive_days
    days = inputs.problem.horizon.days
    before = days_before(inputs, agent)
    found = []
    for first in range(-most, days - most):
        window = range(first, first + most + 1)
        planned = range(max(first, 0), window.stop)
        worked = sum(1 for d in window if d in before)
        weeks = {inputs.grid.week_of_day(d) for d in planned}
        if (
            worked == 0
            and len(weeks) == 1
            and inputs.problem.rules.max_working_days_per_week <= most
        ):
            continue  # inside one block, the working-days rule is the tighter one already
        if len(planned) + worked > most:
            found.append((planned, worked))
    return found


def add_constraints(built: ShiftModel, explain: frozenset[int]) -> None:
    """CP-SAT: per agent and run of ``max + 1`` days, its planned days worked are at most
    ``max`` less the days of the run worked before the horizon."""
    inputs = built.inputs
    most = inputs.problem.rules.max_consecutive_days
    per_day = by_agent_day(inputs.candidates)
    for agent in range(len(inputs.agents)):
        if not inputs.candidates_of_agent[agent]:
            continue
        for planned, worked in _windows(inputs, agent):
            flags = [
                worked_day(built, agent, d, per_day[(agent, d)])
                for d in planned
                if (agent, d) in per_day
            ]
            if len(flags) + worked > most:
                ct = built.model.add(sum(flags) <= most - worked)
                enforce(built, ct, agent, "max_consecutive_days", explain)


def lp_rows(
    inputs: ModelInputs,
    per_day: dict[tuple[int, int], list[int]],
    chosen: list[int],
    le: LinearRows,
) -> None:
    """LP: the same rows, each day its shifts' sum (valid with one shift a day only)."""
    if inputs.problem.rules.max_shifts_per_day != 1:
        return
    most = inputs.problem.rules.max_consecutive_days
    for agent in range(len(inputs.agents)):
        for planned, worked in _windows(inputs, agent):
            entries = [(chosen[i], 1.0) for d in planned for i in per_day.get((agent, d), [])]
            days = {d for d in planned if (agent, d) in per_day}
            if len(days) + worked > most:
                le.add(entries, float(most - worked))


def may_join(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    """Greedy: the run of worked days through the candidate's day stays short enough
    (other runs do not change when a shift joins)."""
    most = inputs.problem.rules.max_consecutive_days
    if cand.agent not in inputs.history and len(taken) < most:
        return True  # too few days to make a run too long
    worked = {t.day for t in taken} | days_before(inputs, cand.agent)
    run = 1
    day = cand.day - 1
    while day in worked:
        run, day = run + 1, day - 1
    day = cand.day + 1
    while day in worked:
        run, day = run + 1, day + 1
    return run <= most
