"""Soft terms paid per agent: contract minimum shortfall, labour cost, missed preferences,
fairness (the deviation from each agent-week's fair target, ``solver.fairness``).

Unmet demand and over-staffing are per queue and slot and live in ``coverage``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from solver import fairness
from solver.model.inputs import SHORTFALL_UNITS_PER_SLOT

if TYPE_CHECKING:
    from solver.model.builder import ShiftModel


def add_soft_terms(built: ShiftModel) -> None:
    inputs = built.inputs
    weights = inputs.problem.weights
    model = built.model
    preference_points = inputs.hourly_points(weights.missed_preference)
    shortfall_points = inputs.shortfall_unit_points()
    worked_by_week: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, cand in enumerate(inputs.candidates):
        agent = inputs.agents[cand.agent]
        cost = inputs.slot_cost_points(agent) * cand.worked_slots
        built.add_term("labour_cost", built.chosen[index], cost)
        if preference_points:
            misses = inputs.preference_misses(cand)
            built.add_term("missed_preference", built.chosen[index], misses * preference_points)
        worked_by_week[(cand.agent, inputs.grid.week_of_day(cand.day))].append(index)
    add_fairness(built, worked_by_week)
    if not shortfall_points:
        return
    for agent_index, agent in enumerate(inputs.agents):
        for week in range(inputs.grid.week_count):
            minimum = inputs.week_minimum_units(agent, week)
            if minimum <= 0:
                continue
            members = worked_by_week.get((agent_index, week), [])
            if not members:  # no shift to choose from: the whole minimum is unmet
                built.add_constant("unmet_contract_minimum", minimum * shortfall_points)
                continue
            shortfall = model.new_int_var(0, minimum, f"short_a{agent.id}_w{week}")
            worked = sum(
                built.chosen[i] * (inputs.candidates[i].worked_slots * SHORTFALL_UNITS_PER_SLOT)
                for i in members
            )
            built.add_excess(
                "unmet_contract_minimum", shortfall, minimum - worked, shortfall_points
            )
            built.shortfall[(agent_index, week)] = shortfall


def add_fairness(built: ShiftModel, worked_by_week: dict[tuple[int, int], list[int]]) -> None:
    """Per agent-week and step, two non-negative deviations beyond it, above and below the
    fair target (the convex penalty of ``solver.fairness``)."""
    inputs = built.inputs
    points = fairness.unit_points(inputs)
    if not points:
        return
    targets = fairness.target_units(inputs)
    steps = fairness.step_units(inputs)
    for agent_index, agent in enumerate(inputs.agents):
        for week in range(inputs.grid.week_count):
            target = targets[agent_index][week]
            members = worked_by_week.get((agent_index, week), [])
            if not members:  # nothing to choose: the whole target is missed
                missed = sum(max(0, target - step) for step in steps)
                built.add_constant("fairness", missed * points)
                continue
            worked = sum(
                built.chosen[i] * (inputs.candidates[i].worked_slots * SHORTFALL_UNITS_PER_SLOT)
                for i in members
            )
            top = SHORTFALL_UNITS_PER_SLOT * sum(inputs.candidates[i].worked_slots for i in members)
            handles = []
            for k, step in enumerate(steps):
                name = f"a{agent.id}_w{week}_s{k}"
                above = built.model.new_int_var(0, max(0, top - target - step), f"above_{name}")
                below = built.model.new_int_var(0, max(0, target - step), f"below_{name}")
                built.add_excess("fairness", above, worked - target - step, points)
                built.add_excess("fairness", below, target - step - worked, points)
                handles.append((step, above, below))
            built.deviation[(agent_index, week)] = handles
