"""One agent's best week, given what each of their candidate shifts costs.

Shared by the best-response sweeps (costs from the coverage still open) and the column
generation (costs from the master's duals). With one shift a day, an agent's week is at
most one candidate per day under weekly caps on worked slots and working days, with the
contract shortfall as a convex penalty: a dynamic programme over (days worked, slots
worked) solves it exactly. Only the cheapest candidate of each length matters on a day,
so each day is a handful of shifted array minima.

Rest between days is not part of the programme (it never binds when a site closes for
the night); callers check it on the answer. Left out, it only makes the programme a
relaxation, which keeps every lower bound computed from it valid.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from solver.model.inputs import SHORTFALL_UNITS_PER_SLOT, ModelInputs


@dataclass
class AgentShifts:
    """One agent's candidates as arrays, and which of them are worked now."""

    members: np.ndarray  # candidate indices
    day: np.ndarray
    worked: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    break_starts: np.ndarray
    break_ends: np.ndarray
    static: np.ndarray  # labour cost and missed preference, in points


def agent_shifts(inputs: ModelInputs, agent_index: int) -> AgentShifts:
    members = inputs.candidates_of_agent[agent_index]
    cands = [inputs.candidates[i] for i in members]
    agent = inputs.agents[agent_index]
    pref_points = inputs.hourly_points(inputs.problem.weights.missed_preference)
    worked = np.array([c.worked_slots for c in cands], dtype=np.int64)
    static = worked * inputs.slot_cost_points(agent)
    if pref_points:
        static += pref_points * np.array([inputs.preference_misses(c) for c in cands])
    return AgentShifts(
        members=np.array(members, dtype=np.int64),
        day=np.array([c.day for c in cands], dtype=np.int64),
        worked=worked,
        starts=np.array([c.start for c in cands], dtype=np.int64),
        ends=np.array([c.end for c in cands], dtype=np.int64),
        break_starts=np.array([max(c.break_start, 0) for c in cands], dtype=np.int64),
        break_ends=np.array([max(c.break_end, 0) for c in cands], dtype=np.int64),
        static=static,
    )


def plan_cost(
    plan: list[int],
    shifts: AgentShifts,
    cost: np.ndarray,
    inputs: ModelInputs,
    agent_index: int,
) -> float:
    """The agent's own objective for ``plan``: shifts, coverage and contract shortfall."""
    position = {int(m): k for k, m in enumerate(shifts.members)}
    total = 0.0
    worked_by_week: dict[int, int] = {}
    for index in plan:
        k = position[index]
        total += float(cost[k])
        week = inputs.grid.week_of_day(int(shifts.day[k]))
        worked_by_week[week] = worked_by_week.get(week, 0) + int(shifts.worked[k])
    agent = inputs.agents[agent_index]
    unit_points = inputs.shortfall_unit_points()
    for week in range(inputs.grid.week_count):
        minimum = inputs.week_minimum_units(agent, week)
        units = worked_by_week.get(week, 0) * SHORTFALL_UNITS_PER_SLOT
        total += unit_points * max(0, minimum - units)
    return total


def best_week_plan(
    inputs: ModelInputs, agent_index: int, shifts: AgentShifts, cost: np.ndarray
) -> list[int] | None:
    """At most one candidate a day, per week: DP over (days worked, slots worked).

    ``cost`` is each candidate's own cost (any real numbers); the contract shortfall is
    added here. Rest between days is not part of the DP: callers check it on the answer.
    """
    agent = inputs.agents[agent_index]
    rules = inputs.problem.rules
    unit_points = inputs.shortfall_unit_points()
    cost = cost.astype(np.float64)
    plan: list[int] = []
    for week in range(inputs.grid.week_count):
        days = [d for d in range(7 * week, 7 * week + 7) if d < inputs.problem.horizon.days]
        limit = inputs.week_limit_slots(agent, week)
        max_days = min(rules.max_working_days_per_week, len(days))
        value = np.full((max_days + 1, limit + 1), np.inf)
        value[0, 0] = 0.0
        steps: list[tuple[np.ndarray, dict[int, int]]] = []
        for day in days:
            best_of_length = _best_of_each_length(shifts, cost, day, limit)
            nxt = value.copy()
            choice = np.zeros(value.shape, dtype=np.int64)  # 0: no shift, else its length
            for length, k in best_of_length.items():
                shifted = np.full_like(value, np.inf)
                shifted[1:, length:] = value[:-1, : limit + 1 - length] + cost[k]
                better = shifted < nxt
                nxt[better] = shifted[better]
                choice[better] = length
            value = nxt
            steps.append((choice, best_of_length))
        minimum = inputs.week_minimum_units(agent, week)
        worked_units = np.arange(limit + 1) * SHORTFALL_UNITS_PER_SLOT
        shortfall = unit_points * np.maximum(0, minimum - worked_units)
        total = value + shortfall[None, :]
        n_days, n_slots = np.unravel_index(int(np.argmin(total)), total.shape)
        if not np.isfinite(total[n_days, n_slots]):
            return None
        for choice, best_of_length in reversed(steps):
            length = int(choice[n_days, n_slots])
            if length:
                plan.append(int(shifts.members[best_of_length[length]]))
                n_days -= 1
                n_slots -= length
    return sorted(plan)


def _best_of_each_length(
    shifts: AgentShifts, cost: np.ndarray, day: int, limit: int
) -> dict[int, int]:
    """The cheapest candidate of each worked length on ``day`` (positions in ``shifts``)."""
    on_day = np.flatnonzero((shifts.day == day) & (shifts.worked <= limit))
    if on_day.size == 0:
        return {}
    order = on_day[np.lexsort((cost[on_day], shifts.worked[on_day]))]
    lengths = shifts.worked[order]
    first = np.flatnonzero(np.concatenate(([True], lengths[1:] != lengths[:-1])))
    return {int(lengths[i]): int(order[i]) for i in first}
