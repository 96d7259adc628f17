"""A week plan from the DP, cut back until it keeps the rules the DP cannot count."""

from __future__ import annotations

import numpy as np

from solver.agent_week import AgentShifts, plan_cost
from solver.model.inputs import ModelInputs
from solver.rules import keeps_rules_the_week_plan_leaves_out


def within_linking_rules(
    inputs: ModelInputs,
    plan: list[int],
    shifts: AgentShifts,
    cost: np.ndarray,
    agent_index: int,
) -> list[int]:
    """``plan``, or the best of it that keeps every linking rule.

    The week-plan DP leaves out the rule it cannot count in its states (weekly rest; daily
    rest and consecutive days it keeps): its plan may break it. Dropping a shift
    never breaks a linking rule (each is a maximum, or a rest that only grows), so the
    plan is repaired by dropping, one at a time, the shift whose removal costs least,
    until the rules hold; without this an agent whose best plan breaks weekly rest would
    be left with no shift at all.
    """
    kept = list(plan)
    while kept and not keeps_rules_the_week_plan_leaves_out(
        inputs, [inputs.candidates[i] for i in kept]
    ):
        kept = min(
            ([c for c in kept if c != drop] for drop in kept),
            key=lambda rest: plan_cost(rest, shifts, cost, inputs, agent_index),
        )
    return kept
