"""Daily minutes: worked minutes per site day within ``max_minutes_per_day`` and the aid
cap's daily hours.

With one shift a day the candidate generator keeps every shift within the cap (so the
rule costs the model nothing); with several, the model and the greedy check bound their
sum. Verifier reading: ``solver.verifier.agent_checks`` (``max_minutes_per_day``,
``aid_cap_day``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solver.rules.explain import by_agent_day, enforce
from solver.rules.weekly_hours import weekly_hours

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.builder import ShiftModel
    from solver.model.inputs import ModelInputs
    from solver.problem import Agent, Problem, Rules


def daily_cap_minutes(agent: Agent, rules: Rules) -> float:
    """Minutes one day may hold: the rules' cap, or the aid cap's daily hours when lower."""
    cap = float(rules.max_minutes_per_day)
    if agent.aid_cap is not None and agent.aid_cap.max_hours_per_day is not None:
        cap = min(cap, agent.aid_cap.max_hours_per_day * 60)
    return cap


def shift_cap_minutes(agent: Agent, problem: Problem) -> float:
    """Candidates: the most one shift may work, also within a (short) horizon's weekly
    hours, so no candidate breaks a cap on its own."""
    week = weekly_hours(agent) * 60 * min(problem.horizon.days, 7) / 7
    return min(daily_cap_minutes(agent, problem.rules), week)


def day_limit_slots(inputs: ModelInputs, agent: Agent) -> int:
    """The daily cap in whole slots, rounded down."""
    minutes = inputs.problem.horizon.slot_minutes
    return int(daily_cap_minutes(agent, inputs.problem.rules)) // minutes


def add_constraints(built: ShiftModel, explain: frozenset[int]) -> None:
    """CP-SAT, several shifts a day: each agent-day's worked slots within the cap."""
    inputs = built.inputs
    if inputs.problem.rules.max_shifts_per_day == 1:
        return
    cands = inputs.candidates
    for (agent, _day), members in by_agent_day(cands).items():
        limit = day_limit_slots(inputs, inputs.agents[agent])
        worked = sum(built.chosen[i] * cands[i].worked_slots for i in members)
        ct = built.model.add(worked <= limit)
        enforce(built, ct, agent, "max_minutes_per_day", explain)


def may_join(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    """Greedy, several shifts a day: the day's worked slots with the candidate."""
    if inputs.problem.rules.max_shifts_per_day == 1:
        return True
    daily = cand.worked_slots + sum(t.worked_slots for t in taken if t.day == cand.day)
    return daily <= day_limit_slots(inputs, inputs.agents[cand.agent])
