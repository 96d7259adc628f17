"""The baseline every benchmark figure is compared with: a straightforward slot model.

One boolean per agent and available slot (works / does not), one per agent, queue and
slot (serves that queue), start booleans for contiguity (one block a day, at least the
minimum length), daily, weekly and day-count limits, weighted unmet demand, over-staffing,
labour cost and contract shortfall, all in CP-SAT. It is what a first model of this
problem looks like. To stay valid without modelling breaks it caps a shift at the longest
stretch of work allowed without one (6 h by default), a restriction our model does not
need. Its rosters go through the same verifier as ours.
"""

from __future__ import annotations

import math
from collections import defaultdict
from time import perf_counter

from ortools.sat.python import cp_model

from solver.candidates import agent_slots
from solver.model.inputs import ModelInputs, build_inputs
from solver.problem import Problem
from solver.roster import Activity, Roster, Shift


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.points: list[tuple[float, float, float]] = []

    def on_solution_callback(self) -> None:
        self.points.append(
            (perf_counter() - self.started, self.objective_value, self.best_objective_bound)
        )


def solve_naive(problem: Problem, seconds: float, workers: int = 8) -> dict[str, object]:
    """Build and solve the slot model; returns figures and the roster (or None)."""
    started = perf_counter()
    inputs = build_inputs(problem, with_candidates=False)
    grid = inputs.grid
    rules = problem.rules
    minutes = problem.horizon.slot_minutes
    model = cp_model.CpModel()
    works: dict[tuple[int, int], cp_model.IntVar] = {}
    serves: dict[tuple[int, int, int], cp_model.IntVar] = {}
    min_len = rules.min_shift_minutes // minutes
    max_len = min(rules.max_shift_minutes, rules.max_continuous_work_minutes) // minutes
    terms = []
    for a, agent in enumerate(problem.agents):
        if not inputs.eligible[a]:
            continue
        available = agent_slots(agent, grid).available
        day_flags = []
        for day, slots in enumerate(grid.slots_of_day):
            day_slots = [t for t in slots if available[t]]
            if len(day_slots) < min_len:
                continue
            for t in day_slots:
                works[(a, t)] = model.new_bool_var(f"w{a}_{t}")
            starts = []
            for t in day_slots:
                start = model.new_bool_var(f"s{a}_{t}")
                before = works.get((a, t - 1)) if (t - 1) in slots else None
                model.add(start >= works[(a, t)] - (before if before is not None else 0))
                block = [works.get((a, t + k)) for k in range(min_len)]
                if any(b is None for b in block):
                    model.add(start == 0)
                else:
                    for b in block:
                        model.add_implication(start, b)  # type: ignore[arg-type]
                starts.append(start)
            model.add(sum(starts) <= 1)
            cap = min(max_len, rules.max_minutes_per_day // minutes)
            if agent.aid_cap is not None and agent.aid_cap.max_hours_per_day is not None:
                cap = min(cap, int(agent.aid_cap.max_hours_per_day * 60) // minutes)
            model.add(sum(works[(a, t)] for t in day_slots) <= cap)
            day_flags.append((day, sum(starts)))
        for week in range(grid.week_count):
            flags = [f for d, f in day_flags if grid.week_of_day(d) == week]
            week_slots = [
                works[(a, t)]
                for t in range(grid.count)
                if (a, t) in works and grid.week_of_day(grid.day_of_slot[t]) == week
            ]
            if not week_slots:
                continue
            model.add(sum(flags) <= rules.max_working_days_per_week)
            model.add(sum(week_slots) <= inputs.week_limit_slots(agent, week))
            minimum = math.ceil(
                agent.contract.min_hours_per_week * grid.days_in_week(week) / 7 / inputs.slot_hours
            )
            if minimum:
                short = model.new_int_var(0, minimum, f"short{a}_{week}")
                model.add(short >= minimum - sum(week_slots))
                terms.append(inputs.hourly_points(problem.weights.unmet_contract_minimum) * short)
        cost = inputs.slot_cost_points(agent)
        for t in range(grid.count):
            if (a, t) not in works:
                continue
            terms.append(cost * works[(a, t)])
            choices = []
            for q in inputs.eligible[a]:
                serves[(a, q, t)] = model.new_bool_var(f"y{a}_{q}_{t}")
                choices.append(serves[(a, q, t)])
            model.add(sum(choices) == works[(a, t)])
    by_queue_slot: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    for (_, q, t), var in serves.items():
        by_queue_slot[(q, t)].append(var)
    for q, queue in enumerate(problem.queues):
        unmet_points = inputs.hourly_points(problem.weights.unmet_demand * queue.priority)
        over_points = inputs.hourly_points(problem.weights.overstaffing)
        for t in range(grid.count):
            required = inputs.required[q][t]
            staffed = sum(by_queue_slot.get((q, t), []))
            if required:
                unmet = model.new_int_var(0, required, f"u{q}_{t}")
                model.add(unmet >= required - staffed)
                terms.append(unmet_points * unmet)
            if by_queue_slot.get((q, t)):
                over = model.new_int_var(0, len(problem.agents), f"o{q}_{t}")
                model.add(over >= staffed - required)
                terms.append(over_points * over)
    model.minimize(sum(terms))
    build_seconds = perf_counter() - started
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds - build_seconds)
    solver.parameters.num_workers = workers
    callback = _FirstSolution(started)
    code = solver.solve(model, callback)
    roster = None
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        roster = _roster(inputs, solver, works, serves)
    return {
        "build_seconds": build_seconds,
        "first_solution_seconds": callback.points[0][0] if callback.points else None,
        "progress": callback.points,
        "roster": roster,
        "wall_seconds": perf_counter() - started,
        "variables": len(works) + len(serves),
    }


def _roster(
    inputs: ModelInputs,
    solver: cp_model.CpSolver,
    works: dict[tuple[int, int], cp_model.IntVar],
    serves: dict[tuple[int, int, int], cp_model.IntVar],
) -> Roster:
    grid = inputs.grid
    by_agent: dict[int, list[int]] = defaultdict(list)
    for (a, t), var in works.items():
        if solver.value(var):
            by_agent[a].append(t)
    shifts = []
    for a, slots in sorted(by_agent.items()):
        slots.sort()
        blocks: list[list[int]] = []
        for t in slots:
            if (
                blocks
                and blocks[-1][-1] == t - 1
                and grid.day_of_slot[t] == grid.day_of_slot[t - 1]
            ):
                blocks[-1].append(t)
            else:
                blocks.append([t])
        for block in blocks:
            activities = []
            for t in block:
                queue = next(q for q in inputs.eligible[a] if solver.value(serves[(a, q, t)]))
                queue_id = inputs.queues[queue].id
                if activities and activities[-1][2] == queue_id:
                    activities[-1][1] = t + 1
                else:
                    activities.append([t, t + 1, queue_id])
            shifts.append(
                Shift(
                    agent_id=inputs.agents[a].id,
                    start=grid.slot_start(block[0]),
                    end=grid.slot_start(block[-1] + 1),
                    activities=[
                        Activity(start=grid.slot_start(s), end=grid.slot_start(e), queue=q)
                        for s, e, q in activities
                    ],
                )
            )
    return Roster(problem_name=inputs.problem.name, shifts=shifts)
