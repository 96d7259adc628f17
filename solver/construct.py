"""A fast greedy roster, handed to CP-SAT as a complete solution hint.

Agents are taken one at a time, cheapest first; each repeatedly takes the shift that most
lowers the objective given what earlier agents already cover, as long as that shift keeps
every hard rule. Scores come from per-slot gains summed with prefix sums, so the whole
construction is linear in the number of candidates. CP-SAT starts from this roster and
improves it, which is what makes the first verified roster arrive in seconds at scale.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from solver.candidates import Candidate
from solver.model.builder import ShiftModel
from solver.model.inputs import ModelInputs


@dataclass
class GreedyRoster:
    chosen: list[int]  # candidate indices
    served: np.ndarray  # [queue, slot] agents assigned
    flows: dict[tuple[int, int, int], int]


def _compatible(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    rules = inputs.problem.rules
    minutes = inputs.problem.horizon.slot_minutes
    rest = -(-rules.min_rest_minutes // minutes)
    gap = -(-rules.min_gap_same_day_minutes // minutes)
    same_day = [t for t in taken if t.day == cand.day]
    if len(same_day) >= rules.max_shifts_per_day:
        return False
    for other in taken:
        first, second = (other, cand) if other.start < cand.start else (cand, other)
        needed = gap if other.day == cand.day else rest
        if second.start < first.end + needed:
            return False
    week = inputs.grid.week_of_day(cand.day)
    week_days = {t.day for t in taken if inputs.grid.week_of_day(t.day) == week} | {cand.day}
    if len(week_days) > rules.max_working_days_per_week:
        return False
    worked = cand.worked_slots + sum(
        t.worked_slots for t in taken if inputs.grid.week_of_day(t.day) == week
    )
    agent = inputs.agents[cand.agent]
    if worked > inputs.week_limit_slots(agent, week):
        return False
    if rules.max_shifts_per_day > 1:
        daily = cand.worked_slots + sum(t.worked_slots for t in same_day)
        if daily * minutes > rules.max_minutes_per_day:
            return False
    return True


def construct(inputs: ModelInputs) -> GreedyRoster:
    weights = inputs.problem.weights
    n_slots = inputs.grid.count
    residual = np.array(inputs.required, dtype=np.int64).reshape(len(inputs.queues), n_slots)
    served = np.zeros_like(residual)
    unmet_points = np.array(
        [inputs.hourly_points(weights.unmet_demand * q.priority) for q in inputs.queues]
    )
    over_points = inputs.hourly_points(weights.overstaffing)
    short_points = inputs.hourly_points(weights.unmet_contract_minimum)
    pref_points = inputs.hourly_points(weights.missed_preference)
    group_of_agent = {a: g for g, group in enumerate(inputs.groups) for a in group.agents}
    flows: dict[tuple[int, int, int], int] = defaultdict(int)
    chosen: list[int] = []
    order = sorted(range(len(inputs.agents)), key=lambda a: inputs.agents[a].hourly_cost)
    for agent_index in order:
        members = inputs.candidates_of_agent[agent_index]
        if not members:
            continue
        agent = inputs.agents[agent_index]
        queues = list(inputs.eligible[agent_index])
        cands = [inputs.candidates[i] for i in members]
        starts = np.array([c.start for c in cands])
        ends = np.array([c.end for c in cands])
        b_starts = np.array([max(c.break_start, 0) for c in cands])
        b_ends = np.array([max(c.break_end, 0) for c in cands])
        worked = np.array([c.worked_slots for c in cands])
        static = worked * inputs.slot_cost_points(agent) + pref_points * np.array(
            [inputs.preference_misses(c) for c in cands]
        )
        taken: list[Candidate] = []
        alive = np.ones(len(cands), dtype=bool)
        minimum = {w: inputs.week_minimum_slots(agent, w) for w in range(inputs.grid.week_count)}
        while alive.any():
            gain_by_queue = np.where(residual[queues] > 0, unmet_points[queues, None], -over_points)
            best_queue = np.argmax(gain_by_queue, axis=0)
            gain = np.concatenate(([0], np.cumsum(gain_by_queue.max(axis=0))))
            score = gain[ends] - gain[starts] - (gain[b_ends] - gain[b_starts])
            weeks = np.array([inputs.grid.week_of_day(c.day) for c in cands])
            remaining = np.array([minimum[w] for w in weeks])
            score += np.minimum(worked, np.maximum(remaining, 0)) * short_points - static
            score[~alive] = np.iinfo(np.int64).min
            pick = int(np.argmax(score))
            if score[pick] <= 0:
                break
            cand = cands[pick]
            taken.append(cand)
            chosen.append(members[pick])
            minimum[inputs.grid.week_of_day(cand.day)] -= cand.worked_slots
            for slot in cand.worked():
                queue = queues[int(best_queue[slot])]
                residual[queue, slot] -= 1
                served[queue, slot] += 1
                flows[(group_of_agent[agent_index], queue, slot)] += 1
            alive &= np.array([_compatible(inputs, c, taken) for c in cands])
    return GreedyRoster(chosen, served, dict(flows))


def greedy_hint(built: ShiftModel) -> GreedyRoster:
    """Hint every variable of the model with the greedy roster's values."""
    inputs = built.inputs
    greedy = construct(inputs)
    model = built.model
    picked = set(greedy.chosen)
    for index, var in enumerate(built.chosen):
        model.add_hint(var, index in picked)
    for key, flow in built.flows.items():
        model.add_hint(flow, greedy.flows.get(key, 0))
    for (q, slot), var in built.unmet.items():
        model.add_hint(var, max(0, inputs.required[q][slot] - int(greedy.served[q, slot])))
    for (q, slot), var in built.over.items():
        model.add_hint(var, max(0, int(greedy.served[q, slot]) - inputs.required[q][slot]))
    worked: dict[tuple[int, int], int] = defaultdict(int)
    for index in greedy.chosen:
        cand = inputs.candidates[index]
        worked[(cand.agent, inputs.grid.week_of_day(cand.day))] += cand.worked_slots
    for (agent, week), var in built.shortfall.items():
        minimum = inputs.week_minimum_slots(inputs.agents[agent], week)
        model.add_hint(var, max(0, minimum - worked[(agent, week)]))
    return greedy
