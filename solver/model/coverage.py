"""Coverage: working agents are spread over the queues they may serve, slot by slot.

Agents who may serve the same set of queues form a group; per slot, the group's working
head-count is split into integer flows to its queues. An integer flow always splits back
into one queue per agent, so the aggregate is exact and far smaller than one variable
per agent, queue and slot. Unmet demand and over-staffing are read off the flows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from solver.model.builder import ShiftModel


def working_by_group(built: ShiftModel) -> dict[tuple[int, int], list[int]]:
    """Candidate indices working each slot, per (group, slot)."""
    group_of_agent = {a: g for g, group in enumerate(built.inputs.groups) for a in group.agents}
    working: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, cand in enumerate(built.inputs.candidates):
        group = group_of_agent[cand.agent]
        for slot in cand.worked():
            working[(group, slot)].append(index)
    return working


def add_coverage(built: ShiftModel) -> None:
    inputs = built.inputs
    model = built.model
    served: dict[tuple[int, int], list[cp_model.LinearExprT]] = defaultdict(list)
    for (g, slot), members in working_by_group(built).items():
        head_count = sum(built.chosen[i] for i in members)
        queues = inputs.groups[g].queues
        if len(queues) == 1:
            served[(queues[0], slot)].append(head_count)
            continue
        flows = []
        for q in queues:
            flow = model.new_int_var(0, len(members), f"flow_g{g}_q{q}_t{slot}")
            built.flows[(g, q, slot)] = flow
            flows.append(flow)
            served[(q, slot)].append(flow)
        model.add(sum(flows) == head_count)
    weights = inputs.problem.weights
    over_points = inputs.hourly_points(weights.overstaffing)
    for q, queue in enumerate(inputs.queues):
        unmet_points = inputs.hourly_points(weights.unmet_demand * queue.priority)
        for slot in range(inputs.grid.count):
            required = inputs.required[q][slot]
            parts = served.get((q, slot))
            if not parts:
                if required:
                    built.add_constant("unmet_demand", required * unmet_points)
                continue
            scheduled = sum(parts)
            if required:
                unmet = model.new_int_var(0, required, f"unmet_{queue.id}_t{slot}")
                built.add_excess("unmet_demand", unmet, required - scheduled, unmet_points)
                built.unmet[(q, slot)] = unmet
            if over_points:
                over = model.new_int_var(0, 100_000, f"over_{queue.id}_t{slot}")
                built.add_excess("overstaffing", over, scheduled - required, over_points)
                built.over[(q, slot)] = over
