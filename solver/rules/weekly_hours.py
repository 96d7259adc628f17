"""Weekly hours: worked hours per 7-day block within the contract maximum and the aid
cap's weekly hours, pro rata for a final block shorter than 7 days.

Verifier reading: ``solver.verifier.agent_checks`` (``contract_max_hours``,
``aid_cap_week``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from solver.rules.explain import by_agent_day, enforce
from solver.rules.lp import LinearRows
from solver.rules.working_days import week_days

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.builder import ShiftModel
    from solver.model.inputs import ModelInputs
    from solver.problem import Agent


def weekly_hours(agent: Agent) -> float:
    """The hours a full week may hold: contract maximum, or the aid cap when lower."""
    hours = agent.contract.max_hours_per_week
    if agent.aid_cap is not None:
        hours = min(hours, agent.aid_cap.max_hours_per_week)
    return hours


def week_limit_slots(inputs: ModelInputs, agent: Agent, week: int) -> int:
    """The hard limit on worked slots in one block (the DP's and the LP's limit too)."""
    scale = inputs.grid.days_in_week(week) / 7
    return math.floor(weekly_hours(agent) * scale / inputs.slot_hours + 1e-9)


def add_constraints(built: ShiftModel, explain: frozenset[int]) -> None:
    """CP-SAT: the worked slots of an agent's block are at most its limit."""
    inputs = built.inputs
    cands = inputs.candidates
    per_day = by_agent_day(cands)
    for agent_index, agent in enumerate(inputs.agents):
        for week in range(inputs.grid.week_count):
            worked = [
                (built.chosen[i], cands[i].worked_slots)
                for day in week_days(inputs, week)
                for i in per_day.get((agent_index, day), [])
            ]
            limit = week_limit_slots(inputs, agent, week)
            if sum(w for _, w in worked) > limit:
                ct = built.model.add(sum(v * w for v, w in worked) <= limit)
                rule = "aid_cap_week" if agent.aid_cap else "contract_max_hours"
                enforce(built, ct, agent_index, rule, explain)


def lp_row(
    inputs: ModelInputs,
    owner: int,
    week: int,
    members: list[int],
    chosen: list[int],
    le: LinearRows,
) -> None:
    """LP: the same limit on one agent-week's shifts."""
    limit = week_limit_slots(inputs, inputs.agents[owner], week)
    le.add([(chosen[i], float(inputs.candidates[i].worked_slots)) for i in members], float(limit))


def may_join(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    """Greedy: the block's worked slots with the candidate stay within the limit."""
    week_of = inputs.week_of_day
    week = week_of[cand.day]
    worked = cand.worked_slots + sum(t.worked_slots for t in taken if week_of[t.day] == week)
    return worked <= inputs.week_limits[cand.agent][week]
