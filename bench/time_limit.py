"""Is the time limit kept? Wall time against the limit, per size and limit, with phases.

Each solve runs in a fresh process (so one solve's memory and caches do not help the next)
on a week of ``bench.generator``; the roster goes through the verifier. Prints, per row,
the wall/limit ratio, the overrun in seconds, where the time went by phase of the time
budget (``solver.budget``), the gap reached, and the load average when the row ran: on a
shared machine a loaded minute stretches every fixed cost (the inputs, the first roster),
and the figures must be read with it.

    python -m bench.time_limit                       # 300, 1000, 3000 agents; 5, 10, 30 s
    python -m bench.time_limit --sizes 1000 --limits 5 --days 28
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from typing import Any


def run_one(agents: int, limit: float, seed: int, days: int, workers: int) -> dict[str, Any]:
    from time import perf_counter

    from bench.generator import generate
    from solver.result import SolveSettings
    from solver.solve import solve
    from solver.verifier import verify

    problem = generate(agents, seed, days=days)
    began = perf_counter()
    result = solve(problem, SolveSettings(time_limit_seconds=limit, num_workers=workers))
    wall = perf_counter() - began
    verified = result.roster is not None and verify(problem, result.roster).ok
    return {
        "wall": wall,
        "reported": result.wall_seconds,
        "phases": result.phase_seconds,
        "gap": result.gap,
        "first": result.progress[0].seconds if result.progress else None,
        "verified": verified,
        "load": os.getloadavg()[0],
    }


def _isolated(*args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1, maxtasksperchild=1) as pool:
        result: dict[str, Any] = pool.apply(run_one, args)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000")
    parser.add_argument("--limits", default="5,10,30")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args(argv)
    print(
        f"seed {args.seed}, {args.days} days, {args.workers} CP-SAT workers, {os.cpu_count()} cores"
    )
    header = f"{'agents':>6} {'limit':>5} {'wall':>6} {'ratio':>5} {'over':>5} {'gap':>8} "
    print(header + f"{'first':>6} {'load':>5}  phases (s)")
    for agents in [int(s) for s in args.sizes.split(",")]:
        for limit in [float(s) for s in args.limits.split(",")]:
            row = _isolated(agents, limit, args.seed, args.days, args.workers)
            gap = "-" if row["gap"] is None else f"{100 * row['gap']:.2f} %"
            first = "-" if row["first"] is None else f"{row['first']:.1f}"
            phases = ", ".join(f"{k} {v:.1f}" for k, v in row["phases"].items())
            print(
                f"{agents:>6} {limit:>5g} {row['wall']:>6.1f} {row['wall'] / limit:>5.2f} "
                f"{max(0.0, row['wall'] - limit):>5.1f} {gap:>8} {first:>6} "
                f"{row['load']:>5.1f}  {phases}{'' if row['verified'] else '  NOT VERIFIED'}"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
