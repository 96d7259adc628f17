"""Best-response sweeps: each agent in turn takes the week that is best given everybody else.

Why: the greedy construction serves cheap agents first, so agents served late find the
demand gone and fall short of their contract minimum, and the roster it leaves is far from
the optimum. Re-planning one agent alone, with everybody else's shifts fixed, is a small
exact problem: with one shift a day, an agent's week is a choice of at most one candidate
per day under a weekly cap on hours and days, with a convex penalty below the contract
minimum. A dynamic programme over (days worked, slots worked) solves it exactly in well
under a millisecond, so a whole sweep over thousands of agents takes about a second, and
sweeps repeat until no agent can improve. Coverage is valued at the margin: one more agent
on a slot removes one unit of unmet demand on the best queue it may serve, or adds one
unit of over-staffing.

The sweeps apply only where that DP is exact: one shift a day, no previous roster (a
re-plan has change terms and starts from the published roster instead) and agents
without locked shifts. Daily rest and consecutive days are part of the DP; weekly rest
is checked on its answer, which is cut back until it keeps it (``solver.plan_repair``).
"""

from __future__ import annotations

import random
from time import perf_counter

import numpy as np

from solver.agent_week import AgentShifts, agent_shifts, best_week_plan, plan_cost
from solver.candidates import Candidate
from solver.greedy_roster import GreedyRoster
from solver.model.inputs import ModelInputs
from solver.plan_repair import within_linking_rules
from solver.queue_split import split_over_queues
from solver.search import FULL_MODEL_CANDIDATES


def applies(inputs: ModelInputs) -> bool:
    """True when an agent's week is exactly the DP below (see the module docstring)."""
    return inputs.problem.rules.max_shifts_per_day == 1 and not inputs.problem.previous_roster


class _Market:
    """Weighted demand still open per (queue, slot), and each agent's queue per slot."""

    def __init__(self, inputs: ModelInputs) -> None:
        weights = inputs.problem.weights
        self.inputs = inputs
        self.open = np.array(inputs.required, dtype=np.int64).reshape(
            len(inputs.queues), inputs.grid.count
        )
        self.unmet_points = np.array(
            [inputs.hourly_points(weights.unmet_demand * q.priority) for q in inputs.queues],
            dtype=np.int64,
        )
        self.over_points = inputs.hourly_points(weights.overstaffing)
        # candidate -> the queue it serves on each of its worked slots, and those slots
        self.assigned: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def slot_values(self, queues: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Cost of one more agent per slot (negative where demand is open), and on which queue."""
        rows = self.open[queues]
        cost = np.where(rows > 0, -self.unmet_points[queues, None], self.over_points)
        best = np.argmin(cost, axis=0)
        return cost[best, np.arange(cost.shape[1])], np.asarray(queues)[best]

    def take(self, index: int, queue_of_slot: np.ndarray) -> None:
        """Put a candidate on the market, serving ``queue_of_slot`` (from ``slot_values``
        before any shift of the same plan was taken: one a day, so their slots differ)."""
        slots = _worked_slots(self.inputs.candidates[index])
        queues = queue_of_slot[slots]
        self.open[queues, slots] -= 1
        self.assigned[index] = (queues, slots)

    def rebalance(self, chosen: list[int]) -> None:
        """Re-split everybody over the queues exactly; taking agents one by one drifts."""
        inputs = self.inputs
        served, flows = split_over_queues(inputs, chosen)
        self.open = np.array(inputs.required, dtype=np.int64).reshape(served.shape) - served
        group_of_agent = {a: g for g, group in enumerate(inputs.groups) for a in group.agents}
        left = dict(flows)
        self.assigned = {}
        for index in chosen:
            cand = inputs.candidates[index]
            group = group_of_agent[cand.agent]
            queues = inputs.groups[group].queues
            slots = _worked_slots(cand)
            placed = np.full(slots.size, queues[0], dtype=np.int64)
            if len(queues) > 1:
                for position, slot in enumerate(slots.tolist()):
                    queue = next(q for q in queues if left.get((group, q, slot), 0) > 0)
                    left[(group, queue, slot)] -= 1
                    placed[position] = queue
            self.assigned[index] = (placed, slots)

    def release(self, index: int) -> None:
        queues, slots = self.assigned.pop(index)
        self.open[queues, slots] += 1


def _worked_slots(cand: Candidate) -> np.ndarray:
    """The slots ``cand`` works, its break left out, as an array (one per slot, distinct)."""
    slots = np.arange(cand.start, cand.end, dtype=np.int64)
    if cand.break_end > cand.break_start:
        slots = slots[(slots < cand.break_start) | (slots >= cand.break_end)]
    return slots


def improve_by_best_response(
    inputs: ModelInputs,
    chosen: list[int],
    deadline: float,
    seed: int = 0,
    *,
    sweeps_until: float | None = None,
    shifts: list[AgentShifts] | None = None,
) -> list[int]:
    """Sweep agents in random order until no agent improves or ``deadline`` passes.

    ``sweeps_until`` (default ``deadline``) is when no new sweep starts; the first one
    always does, stopped only at ``deadline`` (the first roster of a solve is one whole
    sweep from the empty roster when time allows). Every agent not reached keeps their
    shifts, so the roster is legal whenever the sweeps stop. ``shifts`` are the agents'
    ``agent_shifts`` when the caller already has them (column generation needs the same).
    """
    last_start = deadline if sweeps_until is None else min(sweeps_until, deadline)
    rng = random.Random(seed)
    market = _Market(inputs)
    current: dict[int, list[int]] = {}
    for index in chosen:
        current.setdefault(inputs.candidates[index].agent, []).append(index)
    movable = [
        a
        for a, members in enumerate(inputs.candidates_of_agent)
        if members and not any(inputs.candidates[i].locked for i in members)
    ]
    arrays = {a: shifts[a] if shifts else agent_shifts(inputs, a) for a in movable}
    sweeps = 0
    while perf_counter() < (last_start if sweeps else deadline):
        sweeps += 1
        market.rebalance([i for indices in current.values() for i in indices])
        rng.shuffle(movable)
        changed = 0
        for agent in movable:
            if perf_counter() >= deadline:
                break
            changed += _respond(inputs, market, agent, arrays[agent], current)
        if changed == 0:
            break
    return sorted(i for indices in current.values() for i in indices)


def _respond(
    inputs: ModelInputs,
    market: _Market,
    agent_index: int,
    shifts: AgentShifts,
    current: dict[int, list[int]],
) -> int:
    """Give one agent their best week; 1 if it changed, else 0."""
    queues = list(inputs.eligible[agent_index])
    mine = current.get(agent_index, [])
    for index in mine:
        market.release(index)
    slot_cost, queue_of_slot = market.slot_values(queues)
    prefix = np.concatenate(([0], np.cumsum(slot_cost)))
    coverage = prefix[shifts.ends] - prefix[shifts.starts]
    coverage -= prefix[shifts.break_ends] - prefix[shifts.break_starts]
    cost = shifts.static + coverage
    plan = best_week_plan(inputs, agent_index, shifts, cost)
    if plan is not None:
        plan = within_linking_rules(inputs, plan, shifts, cost, agent_index)
    now = plan_cost(mine, shifts, cost, inputs, agent_index)
    if plan is not None and plan_cost(plan, shifts, cost, inputs, agent_index) < now:
        current[agent_index] = plan
        for index in plan:
            market.take(index, queue_of_slot)
        return 1
    for index in mine:
        market.take(index, queue_of_slot)
    return 0


def polish(inputs: ModelInputs, roster: GreedyRoster, deadline: float) -> GreedyRoster:
    """``roster`` after best-response sweeps, with its exact split over queues."""
    chosen = improve_by_best_response(inputs, roster.chosen, deadline)
    served, flows = split_over_queues(inputs, chosen)
    return GreedyRoster(chosen, served, flows)


def first_roster(
    inputs: ModelInputs,
    sweeps_until: float,
    deadline: float,
    shifts: list[AgentShifts] | None = None,
) -> GreedyRoster:
    """A first roster from nobody working, by best-response sweeps.

    Measured at 1,000 agents on the shared machine: one sweep from the empty roster takes
    about a third of the greedy construction's time (3.5 s against 9.9 s under load) for
    a roster of the same quality (478k against 447k), and a second sweep reaches 355k.
    Only where the sweeps apply (``applies``) and no agent has a locked shift: locked
    agents are not swept, and the greedy construction keeps their locks.
    """
    chosen = improve_by_best_response(
        inputs, [], deadline, sweeps_until=sweeps_until, shifts=shifts
    )
    served, flows = split_over_queues(inputs, chosen)
    return GreedyRoster(chosen, served, flows)


def starts_from_nothing(inputs: ModelInputs) -> bool:
    """True when ``first_roster`` may replace the greedy construction (see there).

    Not on small problems, where the greedy costs little: its "may this shift join" check
    knows every linking rule and can shorten a shift to keep one, where the sweeps' DP
    leaves weekly rest out and can only drop a shift that breaks it.
    """
    return (
        applies(inputs)
        and len(inputs.candidates) > FULL_MODEL_CANDIDATES
        and not any(c.locked for c in inputs.candidates)
    )
