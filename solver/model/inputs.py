"""Everything the model needs, precomputed from the problem once, as plain numbers.

Building this is the only place that reads dates and zones; the CP-SAT model and the
construction heuristic then work on slots, agent indices and integer costs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from solver.candidates import (
    AgentSlots,
    Candidate,
    agent_candidates,
    agent_slots,
    locked_candidate,
)
from solver.problem import Absence, Agent, Problem, Queue
from solver.rules import daily_rest, weekly_hours, weekly_rest
from solver.timegrid import SlotGrid, local_to_utc

# Objective coefficients are integers: one currency unit is worth SCALE points. 14,000
# makes a cent of hourly cost an integer per 15-minute slot and, with the shortfall unit
# below, makes a contract minimum of whole cents of an hour exact in any partial week.
SCALE = 14_000
# Contract shortfall is counted in 1/700 of a slot: min_hours * days / 7 in slots is then
# an integer for minimums given to 1/100 hour, so the model's objective is the exact one.
SHORTFALL_UNITS_PER_SLOT = 700


@dataclass(frozen=True)
class Group:
    """Agents who may serve exactly the same queues: they are interchangeable for coverage."""

    queues: tuple[int, ...]
    agents: tuple[int, ...]


@dataclass(frozen=True)
class WorkedBefore:
    """A shift worked before the horizon, in slots and site days of the horizon's grid."""

    start: int
    end: int
    day: int


def worked_before(problem: Problem, grid: SlotGrid) -> dict[int, list[WorkedBefore]]:
    """``problem.previous_shifts`` per agent index, in start order (partial slots widen)."""
    index = {a.id: i for i, a in enumerate(problem.agents)}
    found: dict[int, list[WorkedBefore]] = {}
    for shift in problem.previous_shifts:
        if shift.agent_id not in index:
            continue
        start = math.floor((shift.start - grid.start) / grid.slot)
        end = math.ceil((shift.end - grid.start) / grid.slot)
        day = (shift.start.astimezone(grid.site_zone).date() - problem.horizon.first_day).days
        found.setdefault(index[shift.agent_id], []).append(WorkedBefore(start, end, day))
    return {agent: sorted(spans, key=lambda w: w.start) for agent, spans in found.items()}


@dataclass
class ModelInputs:
    problem: Problem
    grid: SlotGrid
    slots: list[AgentSlots]
    candidates: list[Candidate]
    required: list[list[int]]  # [queue][slot]
    eligible: list[tuple[int, ...]]  # [agent] -> queue indices
    locked_errors: list[tuple[int, str]] = field(default_factory=list)
    # Re-planning: the previous roster's shift of each (agent, day) that can still be
    # worked, the days that had one, and each agent's previously worked slots.
    previous: dict[tuple[int, int], Candidate] = field(default_factory=dict)
    previous_days: set[tuple[int, int]] = field(default_factory=set)
    previous_slots: dict[int, set[int]] = field(default_factory=dict)
    # Shifts worked just before the horizon, per agent index: (start slot, end slot, site
    # day), all negative or at most 0, widened to whole slots.
    history: dict[int, list[WorkedBefore]] = field(default_factory=dict)

    @property
    def agents(self) -> list[Agent]:
        return self.problem.agents

    @property
    def queues(self) -> list[Queue]:
        return self.problem.queues

    @cached_property
    def previous_candidates(self) -> set[Candidate]:
        return set(self.previous.values())

    @cached_property
    def slot_hours(self) -> float:
        return self.problem.horizon.slot_minutes / 60

    @cached_property
    def groups(self) -> list[Group]:
        members: dict[tuple[int, ...], list[int]] = {}
        for agent, queues in enumerate(self.eligible):
            if queues:
                members.setdefault(queues, []).append(agent)
        return [Group(q, tuple(a)) for q, a in sorted(members.items())]

    @cached_property
    def candidates_of_agent(self) -> list[list[int]]:
        result: list[list[int]] = [[] for _ in self.agents]
        for index, cand in enumerate(self.candidates):
            result[cand.agent].append(index)
        return result

    def week_limit_slots(self, agent: Agent, week: int) -> int:
        """Hard weekly limit on worked slots (``solver.rules.weekly_hours``)."""
        return weekly_hours.week_limit_slots(self, agent, week)

    @cached_property
    def week_limits(self) -> list[list[int]]:
        """``week_limit_slots`` per agent index and week, for the greedy's hot loop."""
        weeks = range(self.grid.week_count)
        return [[self.week_limit_slots(agent, w) for w in weeks] for agent in self.agents]

    @cached_property
    def weekly_rest_unsafe(self) -> list[list[int]]:
        """Per agent index, the full blocks whose weekly rest a choice could take away."""
        return [weekly_rest.unsafe_blocks(self, a) for a in range(len(self.agents))]

    @cached_property
    def week_of_day(self) -> list[int]:
        """The 7-day block of each planned day."""
        return [self.grid.week_of_day(d) for d in range(self.problem.horizon.days)]

    def week_minimum_units(self, agent: Agent, week: int) -> int:
        """Contract minimum of one week, pro rata, in shortfall units."""
        slots = agent.contract.min_hours_per_week * self.grid.days_in_week(week) / 7
        return round(slots / self.slot_hours * SHORTFALL_UNITS_PER_SLOT)

    def shortfall_unit_points(self) -> int:
        """Points per shortfall unit for the unmet contract minimum weight."""
        weight = self.problem.weights.unmet_contract_minimum
        return round(weight * self.slot_hours * SCALE / SHORTFALL_UNITS_PER_SLOT)

    def slot_cost_points(self, agent: Agent) -> int:
        weight = self.problem.weights.labour_cost
        return round(agent.hourly_cost * self.slot_hours * weight * SCALE)

    def hourly_points(self, weight: float) -> int:
        """Points per agent-slot for a weight given per agent-hour."""
        return round(weight * self.slot_hours * SCALE)

    def preference_misses(self, cand: Candidate) -> int:
        preferred = self.slots[cand.agent].preferred
        if preferred is None:
            return 0
        return sum(1 for slot in cand.worked() if not preferred[slot])

    def preference_misses_of(
        self,
        agent: int,
        starts: np.ndarray,
        ends: np.ndarray,
        break_starts: np.ndarray,
        break_ends: np.ndarray,
    ) -> np.ndarray:
        """``preference_misses`` of many shifts of one agent at once (breaks as 0, 0 when
        absent), by prefix sums: counting slot by slot was a third of the first roster's
        set-up at 1,000 agents."""
        prefix = self._preferred_prefix[agent]
        worked = ends - starts - (break_ends - break_starts)
        if prefix is None:
            return np.zeros(len(starts), dtype=np.int64)
        liked = prefix[ends] - prefix[starts] - (prefix[break_ends] - prefix[break_starts])
        return np.asarray(worked - liked, dtype=np.int64)

    @cached_property
    def _preferred_prefix(self) -> list[np.ndarray | None]:
        """Per agent, preferred slots counted up to each slot (None: no preference)."""
        return [
            None
            if s.preferred is None
            else np.concatenate(([0], np.cumsum(np.array(s.preferred, dtype=np.int64))))
            for s in self.slots
        ]


def eligible_queues(agent: Agent, queues: list[Queue]) -> tuple[int, ...]:
    """Indices of the queues the agent is skilled and located for."""
    return tuple(
        q
        for q, queue in enumerate(queues)
        if queue.skill in agent.skills and (not queue.countries or agent.country in queue.countries)
    )


def _required(problem: Problem, grid: SlotGrid) -> list[list[int]]:
    index = {q.id: i for i, q in enumerate(problem.queues)}
    required = [[0] * grid.count for _ in problem.queues]
    for series in problem.demand:
        first = grid.slot_at(local_to_utc(series.start, grid.site_zone))
        if first is None:
            continue
        row = required[index[series.queue]]
        for offset, value in enumerate(series.required):
            if first + offset < grid.count:
                row[first + offset] = value
    return required


def _first_changeable_slot(problem: Problem, grid: SlotGrid) -> int:
    if problem.replan_from is None:
        return 0
    return grid.slots_inside(problem.replan_from, grid.end).start


def build_inputs(problem: Problem, with_candidates: bool = True) -> ModelInputs:
    """Precompute slots, candidates and demand. The problem must already be valid."""
    grid = SlotGrid(problem.horizon)
    earliest = _first_changeable_slot(problem, grid)
    absences: dict[str, list[Absence]] = {}
    for absence in problem.absences:
        absences.setdefault(absence.agent_id, []).append(absence)
    history = worked_before(problem, grid)
    slots = [
        agent_slots(
            agent,
            grid,
            absences.get(agent.id, ()),
            max(earliest, daily_rest.first_slot_after(problem, history.get(index, []))),
        )
        for index, agent in enumerate(problem.agents)
    ]
    eligible = [eligible_queues(agent, problem.queues) for agent in problem.agents]
    with_previous = {s.agent_id for s in problem.previous_roster}
    candidates: list[Candidate] = []
    for index, agent in enumerate(problem.agents):
        fixed = not agent.accepts_changes and agent.id in with_previous
        if eligible[index] and with_candidates and not fixed:
            candidates.extend(agent_candidates(index, agent, slots[index], problem, grid))
    inputs = ModelInputs(
        problem, grid, slots, candidates, _required(problem, grid), eligible, history=history
    )
    agent_index = {a.id: i for i, a in enumerate(problem.agents)}
    # Built on the first lock or previous shift only (most solves have neither), and keyed
    # by the fields that make a plain candidate: hashing whole candidates cost a fifth of
    # the build at 1,000 agents. The generated candidates are all plain and distinct.
    known: dict[tuple[int, int, int, int, int, int], int] = {}

    def add(cand: Candidate) -> Candidate:
        if not known and candidates:
            known.update((_key(c), i) for i, c in enumerate(candidates))
        key = _key(cand)
        if key in known:
            if cand.locked:
                candidates[known[key]] = cand
            return candidates[known[key]]
        known[key] = len(candidates)
        candidates.append(cand)
        return cand

    for shift in problem.locked_shifts:
        owner = agent_index[shift.agent_id]
        cand, error = locked_candidate(owner, shift, grid)
        if cand is None:
            inputs.locked_errors.append((owner, error or "invalid locked shift"))
        else:
            add(cand)
    if with_candidates:
        attach_previous(inputs, agent_index, add)
    return inputs


def _key(cand: Candidate) -> tuple[int, int, int, int, int, int]:
    """What tells candidates apart once ``locked`` and ``frozen`` are left out."""
    return (cand.agent, cand.day, cand.start, cand.end, cand.break_start, cand.break_end)


def attach_previous(
    inputs: ModelInputs, agent_index: dict[str, int], add: Callable[[Candidate], Candidate]
) -> None:
    """Map the previous roster onto candidates, for hints and the change penalty.

    Shifts started before ``replan_from`` are history and stay as they are. Agents who did
    not agree to changes keep their shifts that can still be worked, and get no others.
    """
    problem, grid = inputs.problem, inputs.grid
    earliest = _first_changeable_slot(problem, grid)
    # A previous shift still to come is kept only as the generated candidate it equals,
    # so it obeys every rule a candidate obeys; one given without its break, or one the
    # rules no longer allow, cannot stay as it was (the verifier counts any other shift
    # on that day, the same span with a break included, as a change).
    if not problem.previous_roster:
        return
    generated = {
        (c.agent, c.start, c.end, c.break_start, c.break_end): c
        for c in inputs.candidates
        if not c.locked
    }
    for shift in problem.previous_roster:
        owner = agent_index[shift.agent_id]
        cand, _ = locked_candidate(owner, shift, grid)
        if cand is None:
            continue
        inputs.previous_days.add((owner, cand.day))
        inputs.previous_slots.setdefault(owner, set()).update(cand.worked())
        if cand.start < earliest:
            inputs.previous[(owner, cand.day)] = add(replace(cand, locked=True, frozen=True))
            continue
        available = inputs.slots[owner].available
        if not all(available[s] for s in range(cand.start, cand.end)):
            continue  # absent, or no longer available: this shift has to go
        if not problem.agents[owner].accepts_changes:  # kept exactly as published
            inputs.previous[(owner, cand.day)] = add(replace(cand, locked=True, frozen=False))
            continue
        legal = generated.get((owner, cand.start, cand.end, cand.break_start, cand.break_end))
        if legal is None:
            continue  # breaks a rule of its own now (rules changed, or given without its break)
        inputs.previous[(owner, cand.day)] = add(replace(legal, locked=False, frozen=False))
