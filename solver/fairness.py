"""Fairness between agents: a fair target of hours per agent-week, and what missing it costs.

Four identical agents sharing 60 h used to get 15/19/14/12 h: every split costs the same
labour, so the search kept whichever it met first. The fairness term makes the split matter.

Each agent's *offer* in a week is ``min(contract maximum, aid cap)``, pro rata on a short
week. Agents who may serve the same queues are comparable; their share ratio is the demand
on those queues (agent-hours over the horizon) over the offer of everyone who may serve any
of them, at most 1. An agent's target is ratio × offer, clipped to [contract minimum,
offer]. The penalty per agent-week is ``Weights.fairness`` × Σ over ``STEPS_HOURS`` of
max(0, |worked hours − target| − step): convex, and a function of the week's worked slots
alone, so it stays separable per agent and the week-plan DP, the plan costs of column
generation and CP-SAT (two deviation variables per step) all carry it exactly. The shift LP
bound leaves it out: the term is never negative, so the bound stays a valid relaxation.

Availability is not part of the offer (the verifier would have to agree on it to the slot);
an agent available less than their target pays a penalty no roster avoids. The verifier
recomputes the targets its own way (``solver.verifier.fairness``).
"""

from __future__ import annotations

import numpy as np

from solver.model.inputs import SCALE, SHORTFALL_UNITS_PER_SLOT, ModelInputs
from solver.problem import Agent

# The penalty is convex: each hour away from the target costs the weight once per step it
# lies beyond (1×, 2×, 3× the weight per hour), so spreading a group's surplus or shortfall
# evenly is cheaper even when the targets miss the group's real total.
STEPS_HOURS = (0.0, 4.0, 8.0)
_CACHE = "_fairness_targets"  # kept on the inputs, which are built once per solve


def week_offer_hours(agent: Agent, days: int) -> float:
    """Hours the agent could give in a week of ``days`` days, before availability."""
    weekly = agent.contract.max_hours_per_week
    if agent.aid_cap is not None:
        weekly = min(weekly, agent.aid_cap.max_hours_per_week)
    return weekly * days / 7


def share_ratios(inputs: ModelInputs) -> list[float]:
    """Per agent index: demand on their queues over the offer of all who may serve them."""
    slot_hours = inputs.slot_hours
    demand = [sum(row) * slot_hours for row in inputs.required]
    days = inputs.problem.horizon.days
    offer = [week_offer_hours(agent, days) for agent in inputs.agents]
    ratios: dict[tuple[int, ...], float] = {}
    result = []
    for queues in inputs.eligible:
        if queues not in ratios:
            wanted = set(queues)
            pool = sum(o for o, e in zip(offer, inputs.eligible, strict=True) if wanted & set(e))
            needed = sum(demand[q] for q in queues)
            ratios[queues] = min(1.0, needed / pool) if pool > 0 else 0.0
        result.append(ratios[queues])
    return result


def target_units(inputs: ModelInputs) -> list[list[int]]:
    """Fair target per agent index and week, in shortfall units (1/700 of a slot)."""
    cached: list[list[int]] | None = vars(inputs).get(_CACHE)
    if cached is not None:
        return cached
    ratios = share_ratios(inputs)
    result = []
    for agent, ratio in zip(inputs.agents, ratios, strict=True):
        weeks = []
        for week in range(inputs.grid.week_count):
            days = inputs.grid.days_in_week(week)
            offer = week_offer_hours(agent, days)
            minimum = agent.contract.min_hours_per_week * days / 7
            hours = min(offer, max(minimum, ratio * offer))
            weeks.append(round(hours / inputs.slot_hours * SHORTFALL_UNITS_PER_SLOT))
        result.append(weeks)
    vars(inputs)[_CACHE] = result
    return result


def unit_points(inputs: ModelInputs) -> int:
    """Points per shortfall unit of deviation from the target."""
    weight = inputs.problem.weights.fairness
    return round(weight * inputs.slot_hours * SCALE / SHORTFALL_UNITS_PER_SLOT)


def step_units(inputs: ModelInputs) -> list[int]:
    """``STEPS_HOURS`` in shortfall units of this grid."""
    return [round(h / inputs.slot_hours * SHORTFALL_UNITS_PER_SLOT) for h in STEPS_HOURS]


def week_points(
    inputs: ModelInputs, agent_index: int, week: int, worked_slots: np.ndarray
) -> np.ndarray:
    """The fairness penalty, in points, of each weekly count of worked slots given."""
    points = unit_points(inputs)
    if not points:
        return np.zeros(worked_slots.shape, dtype=np.float64)
    target = target_units(inputs)[agent_index][week]
    off = np.abs(worked_slots.astype(np.int64) * SHORTFALL_UNITS_PER_SLOT - target)
    total = np.zeros(off.shape, dtype=np.int64)
    for step in step_units(inputs):
        total += np.maximum(0, off - step)
    return (points * total).astype(np.float64)


def slots_points(inputs: ModelInputs, agent_index: int, week: int, worked_slots: int) -> int:
    """``week_points`` for one count of worked slots, without arrays (``plan_cost``)."""
    points = unit_points(inputs)
    if not points:
        return 0
    target = target_units(inputs)[agent_index][week]
    off = abs(worked_slots * SHORTFALL_UNITS_PER_SLOT - target)
    return points * sum(max(0, off - step) for step in step_units(inputs))
