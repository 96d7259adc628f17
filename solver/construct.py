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
from solver.model.inputs import SCALE, SHORTFALL_UNITS_PER_SLOT, ModelInputs
from solver.queue_split import split_over_queues


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


def keeps_linking_rules(inputs: ModelInputs, shifts: list[Candidate]) -> bool:
    """One agent's shifts keep the rules between shifts (rest, days, weekly hours)."""
    return all(_compatible(inputs, cand, shifts[:k]) for k, cand in enumerate(shifts))


def construct(inputs: ModelInputs) -> GreedyRoster:
    weights = inputs.problem.weights
    n_slots = inputs.grid.count
    residual = np.array(inputs.required, dtype=np.int64).reshape(len(inputs.queues), n_slots)
    unmet_points = np.array(
        [inputs.hourly_points(weights.unmet_demand * q.priority) for q in inputs.queues]
    )
    over_points = inputs.hourly_points(weights.overstaffing)
    short_points = inputs.hourly_points(weights.unmet_contract_minimum)
    pref_points = inputs.hourly_points(weights.missed_preference)
    chosen: list[int] = []
    kept = _kept_shifts(inputs)
    for agent_index, indices in kept.items():
        for index in indices:
            chosen.append(index)
            queues = list(inputs.eligible[agent_index])
            for slot in inputs.candidates[index].worked():
                queue = max(queues, key=lambda q: residual[q, slot])
                residual[queue, slot] -= 1
    change_points = round(weights.changed_shift * SCALE) if inputs.previous_days else 0
    change_slot_points = inputs.hourly_points(weights.changed_hour) if inputs.previous_days else 0
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
        static += change_points + change_slot_points * worked  # a new shift is a change
        taken = [inputs.candidates[i] for i in kept.get(agent_index, [])]
        minimum = {
            w: inputs.week_minimum_units(agent, w) // SHORTFALL_UNITS_PER_SLOT
            for w in range(inputs.grid.week_count)
        }
        for cand in taken:
            minimum[inputs.grid.week_of_day(cand.day)] -= cand.worked_slots
        alive = np.array([c not in taken and _compatible(inputs, c, taken) for c in cands])
        weeks = [inputs.grid.week_of_day(c.day) for c in cands]
        while alive.any():
            gain_by_queue = np.where(residual[queues] > 0, unmet_points[queues, None], -over_points)
            best_queue = np.argmax(gain_by_queue, axis=0)
            gain = np.concatenate(([0], np.cumsum(gain_by_queue.max(axis=0))))
            score = gain[ends] - gain[starts] - (gain[b_ends] - gain[b_starts])
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
            alive &= np.array([_compatible(inputs, c, taken) for c in cands])
    # The residual above only steers the scores; the queue split is made exactly at the end.
    served, flows = split_over_queues(inputs, chosen)
    return GreedyRoster(chosen, served, flows)


def _kept_shifts(inputs: ModelInputs) -> dict[int, list[int]]:
    """Locked shifts, then the previous roster's shifts that still fit, per agent.

    A re-plan starts from the published roster: only what must change is changed.
    """
    taken: dict[int, list[int]] = defaultdict(list)
    previous = inputs.previous_candidates
    ordered = sorted(
        (i for i, c in enumerate(inputs.candidates) if c.locked or c in previous),
        key=lambda i: not inputs.candidates[i].locked,
    )
    for index in ordered:
        cand = inputs.candidates[index]
        mine = [inputs.candidates[i] for i in taken[cand.agent]]
        if cand.locked or _compatible(inputs, cand, mine):
            taken[cand.agent].append(index)
    return dict(taken)


def round_lp(inputs: ModelInputs, values: np.ndarray, threshold: float = 0.3) -> GreedyRoster:
    """Take shifts in decreasing LP value while they keep every hard rule."""
    taken: dict[int, list[Candidate]] = defaultdict(list)
    chosen: list[int] = []
    for index in np.argsort(-values, kind="stable"):
        if values[index] < threshold:
            break
        cand = inputs.candidates[int(index)]
        if _compatible(inputs, cand, taken[cand.agent]):
            taken[cand.agent].append(cand)
            chosen.append(int(index))
    served, flows = split_over_queues(inputs, chosen)
    return GreedyRoster(chosen, served, flows)


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
