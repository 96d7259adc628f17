"""Complete solution hints for CP-SAT: from a roster, or from the LP rounded to one.

CP-SAT repairs a partial hint poorly on these models; a complete, feasible one (every
shift, flow, unmet, over-staffing and shortfall variable) is taken as the first solution
at once.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from solver import fairness
from solver.greedy_roster import GreedyRoster, round_lp
from solver.model.builder import ShiftModel
from solver.model.inputs import SHORTFALL_UNITS_PER_SLOT


def lp_rounding_hint(built: ShiftModel, values: np.ndarray) -> GreedyRoster:
    """Hint the model with the LP solution rounded to a roster that keeps every rule.

    Locked shifts come first, then, when re-planning, the previous roster's shifts that
    can still be worked: the warm start is the published roster, repaired.
    """
    inputs = built.inputs
    values = values.copy()
    for index, cand in enumerate(inputs.candidates):
        if cand.locked:
            values[index] = 3.0
        elif cand in inputs.previous_candidates:
            values[index] = 2.0
    rounded = round_lp(inputs, values)
    add_complete_hint(built, set(rounded.chosen), rounded.flows)
    return rounded


def add_complete_hint(
    built: ShiftModel, picked: set[int], flows: dict[tuple[int, int, int], int]
) -> None:
    """Hint every variable from a roster given as chosen candidate indices and flows.

    CP-SAT repairs a partial hint poorly on these models; a complete, feasible one is
    taken as the first solution at once.
    """
    inputs = built.inputs
    model = built.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    built.hinted = (set(picked), dict(flows))
    served = np.zeros((len(inputs.queues), inputs.grid.count), dtype=np.int64)
    group_of_agent = {a: g for g, group in enumerate(inputs.groups) for a in group.agents}
    for index in picked:
        cand = inputs.candidates[index]
        group = inputs.groups[group_of_agent[cand.agent]]
        for slot in cand.worked():
            if len(group.queues) == 1:
                served[group.queues[0], slot] += 1
    for (g, q, slot), value in flows.items():
        if len(inputs.groups[g].queues) > 1:
            served[q, slot] += value
    for index, var in enumerate(built.chosen):
        model.add_hint(var, index in picked)
    for key, flow in built.flows.items():
        model.add_hint(flow, flows.get(key, 0))
    for (q, slot), var in built.unmet.items():
        model.add_hint(var, max(0, inputs.required[q][slot] - int(served[q, slot])))
    for (q, slot), var in built.over.items():
        model.add_hint(var, max(0, int(served[q, slot]) - inputs.required[q][slot]))
    worked: dict[tuple[int, int], int] = defaultdict(int)
    for index in picked:
        cand = inputs.candidates[index]
        units = cand.worked_slots * SHORTFALL_UNITS_PER_SLOT
        worked[(cand.agent, inputs.grid.week_of_day(cand.day))] += units
    for (agent, week), var in built.shortfall.items():
        minimum = inputs.week_minimum_units(inputs.agents[agent], week)
        model.add_hint(var, max(0, minimum - worked[(agent, week)]))
    targets = fairness.target_units(inputs) if built.deviation else []
    for (agent, week), handles in built.deviation.items():
        signed = worked[(agent, week)] - targets[agent][week]
        for step, above, below in handles:
            model.add_hint(above, max(0, signed - step))
            model.add_hint(below, max(0, -signed - step))
