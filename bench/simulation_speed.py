"""Time to simulate a week of a generated 1,000-agent roster (target: under 30 s).

    .venv/bin/python -m bench.simulation_speed [--agents 1000] [--replications 5]

The problem comes from ``bench.generator`` (three queues, agents holding one to three
skills); the roster is the solver's first roster (``stop_after_first_solution``), whose time
is printed apart. The generator gives required agents, not contacts, so the forecast is
made from them: each slot offers the load that keeps its required agents 80 % busy at an
AHT of 300 s, callers' mean patience 180 s. Figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from bench.generator import generate
from solver.forecast.model import Forecast, QueueForecast
from solver.problem import Problem
from solver.result import SolveSettings
from solver.simulation.inputs import simulation_input
from solver.simulation.report import run_replications, simulate
from solver.solve import solve
from solver.staffing.requirements import StaffingPlan, StaffingPolicy
from solver.timegrid import SlotGrid

AHT_SECONDS = 300.0


def forecast_for(problem: Problem) -> StaffingPlan:
    """Contacts that keep each slot's required agents 80 % busy."""
    grid = SlotGrid(problem.horizon)
    slot_seconds = problem.horizon.slot_minutes * 60.0
    local_start = grid.slot_start(0).astimezone(grid.site_zone).replace(tzinfo=None)
    contacts = {q.id: np.zeros(grid.count) for q in problem.queues}
    for series in problem.demand:  # one series per queue and day
        offset = round((series.start - local_start).total_seconds() / slot_seconds)
        for i, required in enumerate(series.required):
            if 0 <= offset + i < grid.count:
                contacts[series.queue][offset + i] = required * 0.8 * slot_seconds / AHT_SECONDS
    queues = [
        QueueForecast(
            queue=queue,
            method="bench",
            holdout=[],
            contacts=[float(c) for c in values],
            aht_seconds=[AHT_SECONDS] * grid.count,
        )
        for queue, values in contacts.items()
    ]
    forecast = Forecast(
        horizon=problem.horizon,
        history_first_day=problem.horizon.first_day,
        history_last_day=problem.horizon.first_day,
        history_interval_minutes=problem.horizon.slot_minutes,
        queues=queues,
    )
    return StaffingPlan(forecast=forecast, policy=StaffingPolicy(patience_seconds=180.0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--replications", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    problem = generate(args.agents, seed=args.seed)
    started = time.perf_counter()
    result = solve(problem, SolveSettings(time_limit_seconds=300, stop_after_first_solution=True))
    solve_seconds = time.perf_counter() - started
    assert result.roster is not None, result.status
    plan = forecast_for(problem)
    data = simulation_input(problem, result.roster, plan)
    print(
        f"{args.agents} agents, {len(result.roster.shifts)} shifts, "
        f"{len(data.agents)} agents on the phones, first roster in {solve_seconds:.1f} s"
    )

    started = time.perf_counter()
    tallies = run_replications(data, 1, args.seed)
    one = time.perf_counter() - started
    calls = int(tallies[0].offered.sum())
    print(f"one replication: {calls:,} calls in {one:.2f} s ({calls / one:,.0f} calls/s)")

    started = time.perf_counter()
    report = simulate(problem, result.roster, plan, args.replications, args.seed)
    total = time.perf_counter() - started
    verdict = "under" if total < 30 else "OVER"
    print(
        f"{args.replications} replications with intervals and Erlang beside them: "
        f"{total:.2f} s ({verdict} the 30 s target)"
    )
    for line in report.summary_lines():
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
