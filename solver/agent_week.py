"""One agent's best week, given what each of their candidate shifts costs.

Shared by the best-response sweeps (costs from the coverage still open) and the column
generation (costs from the master's duals). With one shift a day, an agent's week is at
most one candidate per day under weekly caps on worked slots and working days and the
daily rest between days and the most days in a row, with the contract shortfall as a
convex penalty: a dynamic programme over (run of days worked, rest level, days worked,
slots worked) solves it exactly; the run is counted only for agents whose candidates
could make one too long (``solver.rules.consecutive_days.week_plan_run_cap``). The rest level
(``solver.rules.daily_rest.week_plan_levels``) says which of the next day's starts the
last shift still forbids; a day's candidates may follow a prefix of the levels, so each
day is one cumulative minimum over the levels and a handful of shifted array minima.

Locked shifts are forced on their day; a re-plan's change terms are part of each shift's
cost. Weekly rest is not part of the programme: callers check it on the answer
(``solver.plan_repair``). Left out, it only makes the programme a relaxation, which keeps
every lower bound computed from it valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from solver import fairness
from solver.candidates import Candidate
from solver.model.inputs import SCALE, SHORTFALL_UNITS_PER_SLOT, ModelInputs
from solver.rules import consecutive_days, daily_rest, weekly_hours, working_days
from solver.week_plan_steps import DayLayer, Step, day_layers, day_step, kept_candidates


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
    run_cap: int = 0  # the longest run of days worked, where a plan could break it; 0: never
    run_before: int = 0  # days worked in a row just before the horizon

    @cached_property
    def position(self) -> dict[int, int]:
        """Candidate index -> position here; built once, not on every ``plan_cost``."""
        return {m: k for k, m in enumerate(self.members.tolist())}

    @cached_property
    def layers(self) -> list[DayLayer]:
        """Each day's candidates and rest levels, as indices into the levels that can
        actually enter the day (most days of most agents: level 0 alone)."""
        return day_layers(self.day, self.rest, self.days, self.forced)


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
        run_cap=consecutive_days.week_plan_run_cap(inputs, agent_index, day),
        run_before=consecutive_days.run_before(inputs, agent_index),
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
    """The agent's cheapest plan: one candidate a day at most, the weekly caps, daily rest
    and consecutive days.

    ``cost`` is each candidate's own cost (any real numbers); the contract shortfall and
    fairness are added here. One DP over (run, rest level, days worked, slots worked)
    per week; runs and levels link each week to the next, so both hold across weekends.
    None when no plan exists (locked shifts over a cap, or too close to each other).
    """
    agent = inputs.agents[agent_index]
    unit_points = inputs.shortfall_unit_points()
    cost = cost.astype(np.float64)
    runs = shifts.run_cap + 1 if shifts.run_cap else 1  # run lengths 0..cap, or untracked
    entering = np.full((runs, 1), np.inf)  # the cheapest way into each (run, level)
    entering[min(shifts.run_before, runs - 1), 0] = 0.0
    weeks: list[tuple[list[Step], np.ndarray]] = []
    for week in range(inputs.grid.week_count):
        days = [d for d in range(7 * week, 7 * week + 7) if d < inputs.problem.horizon.days]
        limit = weekly_hours.week_limit_slots(inputs, agent, week)
        max_days = working_days.week_plan_max_days(inputs, len(days))
        value = np.full((*entering.shape, max_days + 1, limit + 1), np.inf)
        value[:, :, 0, 0] = entering
        steps: list[Step] = []
        for day in days:
            layer = shifts.layers[day]
            kept = kept_candidates(layer, shifts, cost, limit)
            after = day_step(value, layer, kept, cost)
            steps.append(Step(layer, kept, cost, value, after))
            value = after
        minimum = inputs.week_minimum_units(agent, week)
        worked_units = np.arange(limit + 1) * SHORTFALL_UNITS_PER_SLOT
        shortfall = unit_points * np.maximum(0, minimum - worked_units)
        shortfall = shortfall + fairness.week_points(
            inputs, agent_index, week, np.arange(limit + 1)
        )
        total = (value + shortfall).reshape(*value.shape[:2], -1)
        best = np.argmin(total, axis=2)
        entering = np.take_along_axis(total, best[:, :, None], axis=2)[:, :, 0]
        weeks.append((steps, best))
    run, level = divmod(int(np.argmin(entering)), entering.shape[1])
    if not np.isfinite(entering[run, level]):
        return None
    plan: list[int] = []
    for steps, best in reversed(weeks):
        n_days, n_slots = divmod(int(best[run, level]), steps[0].before.shape[3])
        for step in reversed(steps):
            k, run, level = step.came_from(run, level, n_days, n_slots)
            if k >= 0:
                plan.append(int(shifts.members[k]))
                n_days, n_slots = n_days - 1, n_slots - int(shifts.worked[k])
    return sorted(plan)
