"""Is the time limit kept? Wall time against the limit, per size and limit, with phases.

Each solve runs in a fresh process (so one solve's memory and caches do not help the next)
on a week of ``bench.generator`` (``--instances tuned``) or of ``bench.honest_weeks``
(``--instances honest``, the weeks of issues 13 and 18); the roster goes through the
verifier. Prints, per row, the overrun in seconds, the first
verified roster, the first proven bound, the gap at 10/20/30/60/120 s (best roster found
by then against the best bound proven by then), the peak memory of the solve's process
(MB), where the time went by phase of the time
budget (``solver.budget``), and the load average when the row ran: on a shared machine a
loaded minute stretches every fixed cost (the inputs, the first roster), and the figures
must be read with it.

    python -m bench.time_limit                       # 300, 1000, 3000 agents; 5, 10, 30 s
    python -m bench.time_limit --sizes 1000 --limits 5 --days 28
    python -m bench.time_limit --instances honest --sizes 3000 --limits 60 --seeds 1,2,3
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from bench.measure import gap_at, isolated

CHECKPOINTS = (5.0, 10.0, 20.0, 30.0, 60.0, 120.0)


def run_one(
    agents: int, limit: float, seed: int, days: int, workers: int, instances: str
) -> dict[str, Any]:
    from time import perf_counter

    from solver.result import SolveSettings
    from solver.solve import solve
    from solver.verifier import verify

    if instances == "honest":
        from bench.honest_weeks import generate as honest

        problem, _ = honest(agents, seed, days)
    else:
        from bench.generator import generate

        problem = generate(agents, seed, days=days)
    load = os.getloadavg()[0]
    began = perf_counter()
    result = solve(problem, SolveSettings(time_limit_seconds=limit, num_workers=workers))
    wall = perf_counter() - began
    verified = result.roster is not None and verify(problem, result.roster).ok
    progress = [(p.seconds, p.objective, p.bound) for p in result.progress]
    bounds = [p[0] for p in progress if p[2] is not None and p[2] > 0]
    return {
        "wall": wall,
        "reported": result.wall_seconds,
        "phases": result.phase_seconds,
        "gap": result.gap,
        "gaps": {t: gap_at(progress, t) for t in CHECKPOINTS if t <= limit},
        "first": progress[0][0] if progress else None,
        "first_bound": bounds[0] if bounds else None,
        "verified": verified,
        "load": max(load, os.getloadavg()[0]),
    }


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def _secs(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000")
    parser.add_argument("--limits", default="5,10,30")
    parser.add_argument("--seeds", default="1")
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--instances", choices=("tuned", "honest"), default="tuned")
    args = parser.parse_args(argv)
    print(
        f"{args.instances} instances, seeds {args.seeds}, {args.days} days, "
        f"{args.workers} CP-SAT workers, {os.cpu_count()} cores"
    )
    header = f"{'agents':>6} {'seed':>4} {'limit':>5} {'wall':>6} {'over':>5} {'gap':>7} "
    print(header + f"{'first':>5} {'bound':>5} {'MB':>5} {'load':>4}  gap at (s)  |  phases (s)")
    for agents in [int(s) for s in args.sizes.split(",")]:
        for limit in [float(s) for s in args.limits.split(",")]:
            for seed in [int(s) for s in args.seeds.split(",")]:
                spec = (agents, limit, seed, args.days, args.workers, args.instances)
                row = isolated(run_one, *spec)
                gaps = " ".join(f"{t:g}:{_pct(g)}" for t, g in row["gaps"].items())
                phases = ", ".join(f"{k} {v:.1f}" for k, v in row["phases"].items())
                print(
                    f"{agents:>6} {seed:>4} {limit:>5g} {row['wall']:>6.1f} "
                    f"{max(0.0, row['wall'] - limit):>5.1f} {_pct(row['gap']):>7} "
                    f"{_secs(row['first']):>5} {_secs(row['first_bound']):>5} "
                    f"{row['peak_mb']:>5.0f} "
                    f"{row['load']:>4.1f}  {gaps}  |  {phases}"
                    f"{'' if row['verified'] else '  NOT VERIFIED'}"
                )
                sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
