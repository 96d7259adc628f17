"""One agent's best week, given what each of their candidate shifts costs.

Shared by the best-response sweeps (costs from the coverage still open) and the column
generation (costs from the master's duals). With one shift a day, an agent's week is at
most one candidate per day under weekly caps on worked slots and working days and the
daily rest between days, with the contract shortfall as a convex penalty: a dynamic
programme over (rest level, days worked, slots worked) solves it exactly. The rest level
(``solver.rules.daily_rest.week_plan_levels``) says which of the next day's starts the
last shift still forbids; a day's candidates may follow a prefix of the levels, so each
day is one cumulative minimum over the levels and a handful of shifted array minima.

Locked shifts are forced on their day; a re-plan's change terms are part of each shift's
cost. Weekly rest and consecutive days across the horizon's start are not part of the
programme: callers check them on the answer (``solver.plan_repair``). Left out, they only
make the programme a relaxation, which keeps every lower bound computed from it valid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from solver import fairness
from solver.candidates import Candidate
from solver.model.inputs import SCALE, SHORTFALL_UNITS_PER_SLOT, ModelInputs
from solver.rules import daily_rest, weekly_hours, working_days


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
    static: np.ndarray  # labour, missed preference and re-planning changes, in points
    rest: daily_rest.WeekPlanRest
    days: int  # days of the horizon
    constant: float = 0.0  # re-planning changes no choice avoids (a day whose shift must go)
    forced: dict[int, int] = field(default_factory=dict)  # day -> position of a locked shift

    @cached_property
    def position(self) -> dict[int, int]:
        """Candidate index -> position here; built once, not on every ``plan_cost``."""
        return {m: k for k, m in enumerate(self.members.tolist())}

    @cached_property
    def layers(self) -> list[DayLayer]:
        """Each day's candidates and rest levels, as indices into the levels that can
        actually enter the day (most days of most agents: level 0 alone)."""
        rest = self.rest
        by_day = np.argsort(self.day, kind="stable")
        on_day = np.split(by_day, np.searchsorted(self.day[by_day], np.arange(1, self.days)))
        binding = np.zeros(self.days + 1, dtype=bool)  # days with a shift that leaves a level
        binding[self.day[rest.leaves > 0]] = True
        zeros = np.zeros(max((p.size for p in on_day), default=0) + 1, dtype=np.int64)
        entering = _FREE
        layers = []
        for day, positions in enumerate(on_day):
            forced = day in self.forced
            if forced:
                positions = np.array([self.forced[day]])
            if entering.size == 1 and not binding[day]:  # rest cannot bind: most days
                none = zeros[: positions.size]  # read only, shared
                layers.append(DayLayer(positions, none, none, None if forced else _FREE, 1, 1))
                continue
            leaves = rest.leaves[positions]
            carried = np.maximum(0, entering - rest.lifted[day])
            exits = np.unique(np.concatenate(([0], leaves, [] if forced else carried)))
            exits = exits.astype(np.int64)
            layers.append(
                DayLayer(
                    positions=positions,
                    admits=np.searchsorted(entering, rest.admits[positions], side="right") - 1,
                    leaves=np.searchsorted(exits, leaves),
                    off=None if forced else np.searchsorted(exits, carried),
                    levels_in=entering.size,
                    levels_out=exits.size,
                )
            )
            entering = exits
        return layers


_FREE = np.zeros(1, dtype=np.int64)  # the levels entering a day rest cannot bind: 0 alone


@dataclass(frozen=True)
class DayLayer:
    """One day of the week-plan DP, in indices of the levels entering and leaving it."""

    positions: np.ndarray  # the day's candidates (positions in ``AgentShifts``)
    admits: np.ndarray  # per candidate: the highest level entering the day it may follow
    leaves: np.ndarray  # per candidate: the level it leaves entering the next day
    off: np.ndarray | None  # per level entering: where a day off leaves it; None if locked
    levels_in: int
    levels_out: int


def agent_shifts(inputs: ModelInputs, agent_index: int) -> AgentShifts:
    """The agent's candidates with their own costs, change terms of a re-plan included
    exactly as ``solver.model.stability`` counts them, and the days a locked shift holds."""
    members = inputs.candidates_of_agent[agent_index]
    cands = [inputs.candidates[i] for i in members]
    agent = inputs.agents[agent_index]
    pref_points = inputs.hourly_points(inputs.problem.weights.missed_preference)
    # One pass over the candidates, then columns (a pass per field was most of this).
    fields = np.array(
        [(c.day, c.start, c.end, c.break_start, c.break_end) for c in cands], dtype=np.int64
    ).reshape(-1, 5)
    day, starts, ends = (np.ascontiguousarray(fields[:, j]) for j in range(3))
    break_starts = np.maximum(fields[:, 3], 0)  # no break: an empty one at slot 0
    break_ends = np.maximum(fields[:, 4], 0)
    worked = ends - starts - (break_ends - break_starts)
    static = worked * inputs.slot_cost_points(agent)
    if pref_points and cands:
        misses = inputs.preference_misses_of(agent_index, starts, ends, break_starts, break_ends)
        static += pref_points * misses
    constant = 0.0
    if inputs.problem.previous_roster:
        change, constant = _change_costs(inputs, agent_index, cands)
        static = static + change
    return AgentShifts(
        members=np.array(members, dtype=np.int64),
        day=day,
        worked=worked,
        starts=starts,
        ends=ends,
        break_starts=break_starts,
        break_ends=break_ends,
        static=static,
        rest=daily_rest.week_plan_levels(inputs, day, starts, ends),
        days=inputs.problem.horizon.days,
        constant=constant,
        forced={c.day: k for k, c in enumerate(cands) if c.locked},
    )


def _change_costs(
    inputs: ModelInputs, agent_index: int, cands: list[Candidate]
) -> tuple[np.ndarray, float]:
    """Per-candidate change points and the agent's constant: a day that had shift p costs
    a change unless p is chosen again; a day that had none, if any shift is chosen; every
    slot worked or no longer worked against the previous roster costs its hour weight."""
    weights = inputs.problem.weights
    shift_points = round(weights.changed_shift * SCALE)
    slot_points = inputs.hourly_points(weights.changed_hour)
    before = inputs.previous_slots.get(agent_index, set())
    had_shift = {day for agent, day in inputs.previous_days if agent == agent_index}
    change = np.zeros(len(cands), dtype=np.int64)
    for k, cand in enumerate(cands):
        kept = sum(1 for slot in cand.worked() if slot in before)
        change[k] = slot_points * (cand.worked_slots - 2 * kept)
        if inputs.previous.get((agent_index, cand.day)) == cand:
            change[k] -= shift_points
        elif cand.day not in had_shift:
            change[k] += shift_points
    return change, float(shift_points * len(had_shift) + slot_points * len(before))


def plan_cost(
    plan: list[int],
    shifts: AgentShifts,
    cost: np.ndarray,
    inputs: ModelInputs,
    agent_index: int,
) -> float:
    """The agent's own objective for ``plan``: shifts, coverage, contract shortfall and
    fairness."""
    position = shifts.position
    total = shifts.constant
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
        total += fairness.slots_points(inputs, agent_index, week, worked_by_week.get(week, 0))
    return total


def best_week_plan(
    inputs: ModelInputs, agent_index: int, shifts: AgentShifts, cost: np.ndarray
) -> list[int] | None:
    """The agent's cheapest plan: at most one candidate a day, the weekly caps, daily rest.

    ``cost`` is each candidate's own cost (any real numbers); the contract shortfall and
    fairness are added here. One DP over (rest level, days worked, slots worked) per
    week; the levels link each week to the next, so rest across the weekend holds too.
    None when no plan exists (locked shifts over a cap, or too close to each other).
    """
    agent = inputs.agents[agent_index]
    unit_points = inputs.shortfall_unit_points()
    cost = cost.astype(np.float64)
    entering = np.zeros(1)  # the cheapest way into each level of the week's first day
    weeks: list[tuple[list[_Step], np.ndarray]] = []
    for week in range(inputs.grid.week_count):
        days = [d for d in range(7 * week, 7 * week + 7) if d < inputs.problem.horizon.days]
        limit = weekly_hours.week_limit_slots(inputs, agent, week)
        max_days = working_days.week_plan_max_days(inputs, len(days))
        value = np.full((entering.size, max_days + 1, limit + 1), np.inf)
        value[:, 0, 0] = entering
        steps: list[_Step] = []
        for day in days:
            layer = shifts.layers[day]
            kept = _kept(layer, shifts, cost, limit)
            after = _day_step(value, layer, kept, cost)
            steps.append(_Step(layer, kept, cost, value, after))
            value = after
        minimum = inputs.week_minimum_units(agent, week)
        worked_units = np.arange(limit + 1) * SHORTFALL_UNITS_PER_SLOT
        shortfall = unit_points * np.maximum(0, minimum - worked_units)
        shortfall = shortfall + fairness.week_points(
            inputs, agent_index, week, np.arange(limit + 1)
        )
        total = (value + shortfall[None, None, :]).reshape(value.shape[0], -1)
        best = np.argmin(total, axis=1)
        entering = total[np.arange(total.shape[0]), best]
        weeks.append((steps, best))
    level = int(np.argmin(entering))
    if not np.isfinite(entering[level]):
        return None
    plan: list[int] = []
    for steps, best in reversed(weeks):
        n_days, n_slots = divmod(int(best[level]), steps[0].before.shape[2])
        for step in reversed(steps):
            k, level = step.came_from(level, n_days, n_slots)
            if k >= 0:
                plan.append(int(shifts.members[k]))
                n_days, n_slots = n_days - 1, n_slots - int(shifts.worked[k])
    return sorted(plan)


@dataclass(frozen=True)
class _Step:
    """One day of one DP run: what it kept, and the values entering and leaving it."""

    layer: DayLayer
    kept: list[tuple[int, int, int, int]]  # (position, admits, leaves, worked length)
    cost: np.ndarray
    before: np.ndarray
    after: np.ndarray

    def came_from(self, level: int, n_days: int, n_slots: int) -> tuple[int, int]:
        """(the candidate chosen, or -1 for a day off; the level entering the day) of an
        optimal way into state (``level``, ``n_days``, ``n_slots``) after the day.

        Recomputed from the values rather than stored: the forward step then needs no
        choice arrays, and the same floating-point sums give the state's value exactly
        (the closest is taken all the same).
        """
        reached = float(self.after[level, n_days, n_slots])
        before = self.before
        best = (math.inf, -1, 0)  # (miss, candidate, level entering)
        if self.layer.off is not None:
            for entry, lands in enumerate(self.layer.off.tolist()):
                if lands == level:
                    miss = abs(float(before[entry, n_days, n_slots]) - reached)
                    if miss < best[0]:
                        best = (miss, -1, entry)
        if n_days > 0:
            for k, admits, leaves, length in self.kept:
                if leaves != level or length > n_slots or best[0] == 0.0:
                    continue
                column = before[: admits + 1, n_days - 1, n_slots - length]
                entry = int(np.argmin(column)) if admits else 0
                miss = abs(float(column[entry]) + float(self.cost[k]) - reached)
                if miss < best[0]:
                    best = (miss, k, entry)
        return best[1], best[2]


def _day_step(
    value: np.ndarray, layer: DayLayer, kept: list[tuple[int, int, int, int]], cost: np.ndarray
) -> np.ndarray:
    """One day of the DP: the values entering the next day.

    A candidate may follow every level up to its own ``admits``: one cumulative minimum
    over the levels, then one shifted minimum per candidate kept.
    """
    slots = value.shape[2]
    after = np.full((layer.levels_out, *value.shape[1:]), np.inf)
    if layer.off is not None:  # a day off, allowed unless a shift is locked on the day
        if value.shape[0] == 1 and layer.levels_out == 1:
            after[0] = value[0]
        elif layer.levels_out == 1:
            after[0] = value.min(axis=0)
        else:
            np.minimum.at(after, layer.off, value)
    reachable = np.minimum.accumulate(value, axis=0) if value.shape[0] > 1 else value
    for k, admits, leaves, length in kept:
        target = after[leaves, 1:, length:]
        np.minimum(target, reachable[admits, :-1, : slots - length] + cost[k], out=target)
    return after


def _kept(
    layer: DayLayer, shifts: AgentShifts, cost: np.ndarray, limit: int
) -> list[tuple[int, int, int, int]]:
    """(position, admits, leaves, worked length) of the day's candidates worth a step.

    A candidate is dropped when another of the same length costs no more, may follow
    every level it may, and leaves no higher level: the cheapest of each length when
    rest cannot bind on the day, a few more where it can.
    """
    fits = shifts.worked[layer.positions] <= limit
    positions, admits, leaves = layer.positions[fits], layer.admits[fits], layer.leaves[fits]
    if positions.size == 0:
        return []
    lengths = shifts.worked[positions]
    own = cost[positions]
    if layer.levels_in == 1 and layer.levels_out == 1:  # the cheapest of each length
        order = np.lexsort((own, lengths))
        ordered = lengths[order]
        first = order[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
    else:
        order = np.lexsort((own, leaves, admits, lengths))
        key = np.stack((lengths[order], admits[order], leaves[order]))
        first = order[np.concatenate(([True], (key[:, 1:] != key[:, :-1]).any(axis=0)))]
        length, up, down, price = lengths[first], admits[first], leaves[first], own[first]
        beaten = (
            (length[None, :] == length[:, None])
            & (up[None, :] >= up[:, None])
            & (down[None, :] <= down[:, None])
            & (price[None, :] <= price[:, None])
        )
        np.fill_diagonal(beaten, False)
        first = first[~beaten.any(axis=1)]
    return list(
        zip(
            positions[first].tolist(),
            admits[first].tolist(),
            leaves[first].tolist(),
            lengths[first].tolist(),
            strict=True,
        )
    )
