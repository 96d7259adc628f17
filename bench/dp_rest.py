"""The week-plan DP's cost and what it buys: pricing time, a sweep, and the solve's gap.

For each site and size of ``bench.honest_weeks`` (one week, the DST week by default), in a
fresh process each: the seconds to build every agent's week arrays (``agent_shifts``), one
best-response sweep from the empty roster (its objective, from the verifier's reading of
the agents' own costs: the sweep's roster goes through ``verify``), then column-generation
rounds seeded with that roster, each split into the master's LP solve and the pricing
(every agent's ``best_week_plan`` and its repair), with the plans that entered and the
Lagrangian bound. ``--solve`` adds a whole solve at that limit and its gap. The load
average is printed with every row: on the shared machine every figure stretches with it.

    python -m bench.dp_rest                                   # 1000, 3000 x paris, always
    python -m bench.dp_rest --sites always --sizes 1000 --solve 30
    python -m bench.dp_rest --sites paris --sizes 1000 --days 28 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from typing import Any

from bench.measure import gap_at, isolated


def run_one(
    agents: int, seed: int, site: str, week: str, rounds: int, days: int = 7
) -> dict[str, Any]:
    from time import perf_counter

    from bench.honest_weeks import generate
    from solver import best_response
    from solver.agent_week import agent_shifts
    from solver.column_generation import ColumnGeneration
    from solver.extract import build_roster
    from solver.model.inputs import SCALE, build_inputs
    from solver.verifier import verify

    problem, _ = generate(agents, seed, days, site, week)
    inputs = build_inputs(problem)
    began = perf_counter()
    shifts = [agent_shifts(inputs, a) for a in range(len(inputs.agents))]
    arrays = perf_counter() - began
    began = perf_counter()
    first = best_response.first_roster(
        inputs, sweeps_until=perf_counter(), deadline=float("inf"), shifts=shifts
    )
    sweep = perf_counter() - began
    roster = build_roster(inputs, [inputs.candidates[i] for i in first.chosen], first.flows)
    report = verify(problem, roster)
    cg = ColumnGeneration(inputs, shifts=shifts)
    cg.add_roster(first.chosen)
    master_seconds: list[float] = []
    solve_lp = cg.master.solve

    def timed_solve() -> float:
        started = perf_counter()
        value = solve_lp()
        master_seconds.append(perf_counter() - started)
        return value

    cg.master.solve = timed_solve  # type: ignore[method-assign]
    pricing: list[float] = []
    entered: list[int] = []
    for _ in range(rounds):
        started = perf_counter()
        entered.append(cg.round())
        pricing.append(perf_counter() - started - master_seconds[-1])
    return {
        "candidates": len(inputs.candidates),
        "arrays": arrays,
        "sweep": sweep,
        "sweep_objective": report.kpis.objective,
        "sweep_ok": report.ok,
        "pricing": pricing,
        "master": master_seconds,
        "entered": entered,
        "bound": cg.bound / SCALE,
        "lp": cg.lp_value / SCALE,
        "load": os.getloadavg()[0],
    }


def run_solve(
    agents: int, seed: int, site: str, week: str, limit: float, days: int = 7
) -> dict[str, Any]:
    from time import perf_counter

    from bench.honest_weeks import generate
    from solver.result import SolveSettings
    from solver.solve import solve
    from solver.verifier import verify

    problem, _ = generate(agents, seed, days, site, week)
    started = perf_counter()
    result = solve(problem, SolveSettings(time_limit_seconds=limit, num_workers=8))
    wall = perf_counter() - started
    report = verify(problem, result.roster) if result.roster is not None else None
    progress = [(p.seconds, p.objective, p.bound) for p in result.progress]
    return {
        "gap": gap_at(progress, limit),
        "objective": result.objective,
        "bound": result.bound,
        "wall": wall,
        "verified": bool(report and report.ok),
        "phases": {k: round(v, 1) for k, v in result.phase_seconds.items()},
        "load": os.getloadavg()[0],
    }


def _print_rounds(site: str, size: int, row: dict[str, Any]) -> None:
    pricing = " ".join(f"{p:.2f}" for p in row["pricing"])
    print(
        f"{site:>7} {size:>6} {row['candidates']:>8} {row['arrays']:>8.2f} "
        f"{row['sweep']:>8.2f} {row['sweep_objective']:>10.0f} {pricing:>16} "
        f"{statistics.median(row['master']):>9.2f} "
        f"{' '.join(map(str, row['entered'])):>14} {row['bound']:>10.0f} "
        f"{row['lp']:>10.0f} {row['load']:>5.2f}"
        + ("" if row["sweep_ok"] else "  SWEEP ROSTER NOT VERIFIED"),
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--sites", nargs="+", default=["paris", "always"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--week", choices=("dst", "ordinary"), default="dst")
    parser.add_argument("--rounds", type=int, default=3, help="Column-generation rounds.")
    parser.add_argument("--days", type=int, default=7, help="Days of the instances.")
    parser.add_argument("--solve", type=float, default=0.0, help="Also solve at this limit.")
    parser.add_argument("--solve-only", action="store_true", help="Skip the rounds.")
    args = parser.parse_args(argv)
    print(
        f"{'site':>7} {'agents':>6} {'cands':>8} {'arrays s':>8} {'sweep s':>8} "
        f"{'sweep obj':>10} {'pricing s/round':>16} {'master s':>9} {'entered':>14} "
        f"{'bound':>10} {'master LP':>10} {'load':>5}"
    )
    for site in args.sites:
        for size in args.sizes:
            if not args.solve_only:
                _print_rounds(
                    site,
                    size,
                    isolated(run_one, size, args.seed, site, args.week, args.rounds, args.days),
                )
            if args.solve:
                out = isolated(run_solve, size, args.seed, site, args.week, args.solve, args.days)
                gap = "-" if out["gap"] is None else f"{100 * out['gap']:.2f} %"
                print(
                    f"{site:>7} {size:>6} solve at {args.solve:g} s: gap {gap}, objective "
                    f"{out['objective']}, bound {out['bound']}, wall {out['wall']:.1f} s, "
                    f"verified {out['verified']}, phases {out['phases']}, load {out['load']:.2f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
