"""What every CP-SAT form of a rule shares: grouping by agent-day and named assumptions.

For agents in ``explain_agents`` a rule's constraints hold only if an assumption literal
named after the agent and the rule holds; that is how an infeasible solve names the agent
and rule in conflict (``solver.diagnose``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.builder import ShiftModel


def enforce(
    built: ShiftModel,
    constraint: cp_model.Constraint,
    agent: int,
    rule: str,
    explain_agents: frozenset[int],
) -> None:
    """Put ``constraint`` behind the (agent, rule) assumption when the agent is explained."""
    if agent not in explain_agents:
        return
    key = (agent, rule)
    literal = built.rule_literals.get(key)
    if literal is None:
        literal = built.model.new_bool_var(f"rule_{rule}_a{agent}")
        built.rule_literals[key] = literal
    constraint.only_enforce_if(literal)


def worked_day(built: ShiftModel, agent: int, day: int, members: list[int]) -> cp_model.LinearExprT:
    """1 when the agent works on ``day`` (``members``: that day's candidates), shared by
    every rule counting days: the day's sum of choices with one shift a day, else a flag
    each of the day's shifts implies."""
    key = (agent, day)
    if key not in built.day_worked:
        if built.inputs.problem.rules.max_shifts_per_day == 1:
            built.day_worked[key] = sum(built.chosen[i] for i in members)
        else:
            flag = built.model.new_bool_var(f"works_a{agent}_d{day}")
            for i in members:
                built.model.add_implication(built.chosen[i], flag)
            built.day_worked[key] = flag
    return built.day_worked[key]


def by_agent_day(candidates: list[Candidate]) -> dict[tuple[int, int], list[int]]:
    """Candidate indices per (agent, day)."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, cand in enumerate(candidates):
        groups[(cand.agent, cand.day)].append(index)
    return groups
