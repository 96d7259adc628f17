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
    literals = list(built.rule_literals.items())
    built.model.add_assumptions([literal for _, literal in literals])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = DIAGNOSIS_SECONDS
    solver.parameters.num_workers = 1
    status = solver.solve(built.model)
    if status != cp_model.INFEASIBLE:
        return [Conflict(rule="unknown", detail="no conflicting rule could be isolated")]
    core = set(solver.sufficient_assumptions_for_infeasibility())
    conflicts = []
    for (agent, rule), literal in literals:
        if literal.index in core:
            agent_id = inputs.agents[agent].id
            conflicts.append(
                Conflict(
                    rule=rule,
                    agent_id=agent_id,
                    detail=f"agent {agent_id}: the locked shifts cannot all hold under {rule}",
                )
            )
    return conflicts
