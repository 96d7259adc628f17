"""Four-week horizons (issue 18): 1,000 agents x 28 days, over several seeds.

Per seed, in a fresh process: the first verified roster (the first progress point: every
roster reported there has passed the verifier), the gap at 30, 60 and 120 s (the best
roster found by then against the best bound proven by then), the wall time against the
limit, peak memory (max RSS of that process), and whether the final roster passes the
verifier. Then the median and the worst over the seeds. The weeks are ``bench.generator``'s
with ``days=28``. On a shared machine the figures stretch with the load, printed per row.

    python -m bench.month                                 # 1,000 agents, seeds 1-3, 120 s
    python -m bench.month --agents 300 --seeds 1 --time-limit 30
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
from typing import Any

from bench.solver_scale import _gap_at

CHECKPOINTS = (30.0, 60.0, 120.0)


def run_one(agents: int, seed: int, days: int, limit: float, workers: int) -> dict[str, Any]:
    from time import perf_counter

    from bench.generator import generate
    from solver.result import SolveSettings
    from solver.solve import solve
    from solver.verifier import verify

    problem = generate(agents, seed, days=days)
    began = perf_counter()
    result = solve(
        problem,
        SolveSettings(time_limit_seconds=limit, num_workers=workers, random_seed=seed),
    )
    wall = perf_counter() - began
    progress = [(p.seconds, p.objective, p.bound) for p in result.progress]
    return {
        "first": progress[0][0] if progress else None,
        "gaps": {t: _gap_at(progress, t) for t in CHECKPOINTS if t <= limit},
        "final_gap": result.gap,
        "wall": wall,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "candidates": result.candidate_shifts,
        "phases": result.phase_seconds,
        "verified": result.roster is not None and verify(problem, result.roster).ok,
        "load": os.getloadavg()[0],
    }


def _isolated(*args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1, maxtasksperchild=1) as pool:
        result: dict[str, Any] = pool.apply(run_one, args)
    return result


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f} %"


def _summary(label: str, values: list[float | None], pct: bool, worst: str) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return f"{label:>14}: -"
    pick = max if worst == "max" else min
    fmt = _pct if pct else (lambda v: f"{v:.1f}")
    missing = len(values) - len(known)
    note = f" ({missing} without)" if missing else ""
    return f"{label:>14}: median {fmt(statistics.median(known))}, worst {fmt(pick(known))}{note}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args(argv)
    print(
        f"{args.agents} agents x {args.days} days, limit {args.time_limit:g} s, "
        f"{args.workers} CP-SAT workers, {os.cpu_count()} cores"
    )
    rows = []
    for seed in [int(s) for s in args.seeds.split(",")]:
        row = _isolated(args.agents, seed, args.days, args.time_limit, args.workers)
        rows.append(row)
        gaps = ", ".join(f"{t:g} s {_pct(g)}" for t, g in row["gaps"].items())
        phases = ", ".join(f"{k} {v:.1f}" for k, v in row["phases"].items())
        first = "-" if row["first"] is None else f"{row['first']:.1f} s"
        print(
            f"seed {seed}: first roster {first}; gap {gaps}; wall {row['wall']:.1f} s; "
            f"peak {row['peak_mb']:.0f} MB; {row['candidates']:,} candidates; "
            f"verified {row['verified']}; load {row['load']:.1f}\n    phases: {phases}"
        )
        sys.stdout.flush()
    print(_summary("first roster s", [r["first"] for r in rows], False, "max"))
    for t in CHECKPOINTS:
        if t <= args.time_limit:
            print(_summary(f"gap at {t:g} s", [r["gaps"][t] for r in rows], True, "max"))
    print(_summary("wall s", [r["wall"] for r in rows], False, "max"))
    print(_summary("peak MB", [r["peak_mb"] for r in rows], False, "max"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
