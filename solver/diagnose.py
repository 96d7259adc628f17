"""Name the agent and rule behind an infeasible problem.

Demand is soft, so only locked shifts can make a problem infeasible. We rebuild the model
with each hard rule of the locked agents behind an assumption literal and ask CP-SAT for a
set of assumptions that cannot hold together.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.model.builder import build_model
from solver.model.inputs import ModelInputs
from solver.result import Conflict

DIAGNOSIS_SECONDS = 10.0


def explain_infeasibility(inputs: ModelInputs) -> list[Conflict]:
    locked_agents = frozenset(c.agent for c in inputs.candidates if c.locked)
    built = build_model(inputs, explain_agents=locked_agents)
    names = {literal.index: key for key, literal in built.rule_literals.items()}
    core = _infeasible_core(built.model, list(built.rule_literals.values()))
    if core is None:
        return [Conflict(rule="unknown", detail="no conflicting rule could be isolated")]
    conflicts = []
    for literal in core:
        agent, rule = names[literal.index]
        agent_id = inputs.agents[agent].id
        conflicts.append(
            Conflict(
                rule=rule,
                agent_id=agent_id,
                detail=f"agent {agent_id}: the locked shifts cannot all hold under {rule}",
            )
        )
    return conflicts


def _is_infeasible(model: cp_model.CpModel, assumed: list[cp_model.IntVar]) -> bool:
    model.clear_assumptions()
    model.add_assumptions(assumed)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = DIAGNOSIS_SECONDS
    solver.parameters.num_workers = 1
    return solver.solve(model) == cp_model.INFEASIBLE


def _infeasible_core(
    model: cp_model.CpModel, literals: list[cp_model.IntVar]
) -> list[cp_model.IntVar] | None:
    """A minimal set of rules that cannot hold together (deletion filter on CP-SAT's core)."""
    model.clear_assumptions()
    model.add_assumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = DIAGNOSIS_SECONDS
    solver.parameters.num_workers = 1
    if solver.solve(model) != cp_model.INFEASIBLE:
        return None
    in_core = set(solver.sufficient_assumptions_for_infeasibility())
    core = [literal for literal in literals if literal.index in in_core]
    for literal in list(core):
        trial = [other for other in core if other is not literal]
        if trial and _is_infeasible(model, trial):
            core = trial
    return core
