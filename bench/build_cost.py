"""The fixed cost of a solve before any search: building the inputs and the first roster.

For each size (a week of ``bench.generator``, or ``--days``), in a fresh process each so
that no conversion cache or allocation of one size helps the next, it prints the seconds
to build the model inputs (``solver.model.inputs.build_inputs``), to make the first
roster the way ``solver.solve`` does (one best-response sweep from the empty roster when
``best_response.starts_from_nothing``, with the agents' week arrays, else the greedy
construction), and the greedy construction alone (the hint of the other search path),
with the candidates counted and the load average when the row ran: on the shared machine
every figure stretches with the load, and must be read with it. ``docs/solver.md`` keeps
the figures from before the fixed costs were cut.

    python -m bench.build_cost                        # 300, 1000, 3000 agents
    python -m bench.build_cost --sizes 1000 --days 28
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from typing import Any


def run_one(agents: int, seed: int, days: int) -> dict[str, Any]:
    from time import perf_counter

    from bench.generator import generate
    from solver import best_response
    from solver.agent_week import agent_shifts
    from solver.greedy_roster import construct
    from solver.model.inputs import build_inputs

    problem = generate(agents, seed, days=days)
    began = perf_counter()
    inputs = build_inputs(problem)
    built = perf_counter()
    if best_response.starts_from_nothing(inputs):
        shifts = [agent_shifts(inputs, a) for a in range(len(inputs.agents))]
        first = best_response.first_roster(
            inputs, sweeps_until=perf_counter(), deadline=float("inf"), shifts=shifts
        )
        how = "sweep"
    else:
        first = construct(inputs)
        how = "greedy"
    firsted = perf_counter()
    greedy = construct(inputs)
    ended = perf_counter()
    return {
        "candidates": len(inputs.candidates),
        "build": built - began,
        "first": firsted - built,
        "how": how,
        "greedy": ended - firsted,
        "shifts": (len(first.chosen), len(greedy.chosen)),
        "load": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args(argv)
    print(
        f"{'agents':>7} {'cands':>8} {'build s':>8} {'first s':>8} {'(how)':>7} "
        f"{'greedy s':>9} {'load':>5}"
    )
    context = multiprocessing.get_context("spawn")
    for size in args.sizes:
        with context.Pool(1, maxtasksperchild=1) as pool:
            row = pool.apply(run_one, (size, args.seed, args.days))
        print(
            f"{size:>7} {row['candidates']:>8} {row['build']:>8.2f} {row['first']:>8.2f} "
            f"{row['how']:>7} {row['greedy']:>9.2f} {row['load']:>5.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
