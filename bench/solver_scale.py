"""Solver benchmark: our model against the naive slot model, on seeded realistic weeks.

For each size it prints build time, time to the first verified roster, objective, proven
bound and gap at 10/30/60 s, and peak memory, for our solver and, in the same run, for the
naive slot model (``bench.naive_model``), with the ratios between them. Every roster, ours
and the baseline's, first and final, goes through the independent verifier; objectives
are the verifier's, so the two models are compared on the same ruler.

Each solve runs in a fresh process so that peak memory (max RSS) is its own.

    python -m bench.solver_scale                      # 100, 300, 1000, 3000 agents, 60 s
    python -m bench.solver_scale --sizes 300 --time-limit 30 --seed 7
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bench.measure import gap_at as _gap_at
from bench.measure import isolated as _isolated

CHECKPOINTS = (10.0, 30.0, 60.0)


def run_ours(agents: int, seed: int, seconds: float, workers: int) -> dict[str, Any]:
    from bench.generator import generate
    from solver.result import SolveSettings
    from solver.solve import solve
    from solver.verifier import verify

    problem = generate(agents, seed)
    first = solve(
        problem,
        SolveSettings(
            time_limit_seconds=seconds, num_workers=workers, stop_after_first_solution=True
        ),
    )
    first_ok = first.roster is not None and verify(problem, first.roster).ok
    result = solve(
        problem, SolveSettings(time_limit_seconds=seconds, num_workers=workers, random_seed=seed)
    )
    report = verify(problem, result.roster) if result.roster is not None else None
    progress = [(p.seconds, p.objective, p.bound) for p in result.progress]
    return {
        "status": result.status,
        "build_seconds": result.build_seconds,
        "first_verified_seconds": first.wall_seconds if first_ok else None,
        "first_objective": first.objective,
        "objective": report.kpis.objective if report else None,
        "verified": bool(report and report.ok),
        "bound": result.bound,
        "gap": result.gap,
        "gaps": {f"{t:g}": _gap_at(progress, t) for t in CHECKPOINTS},
        "wall_seconds": result.wall_seconds,
        "candidate_shifts": result.candidate_shifts,
        "coverage_percent": report.kpis.coverage_percent if report else None,
    }


def run_naive(agents: int, seed: int, seconds: float, workers: int) -> dict[str, Any]:
    from bench.generator import generate
    from bench.naive_model import solve_naive
    from solver.model.inputs import SCALE
    from solver.verifier import verify

    problem = generate(agents, seed)
    out = solve_naive(problem, seconds, workers)
    roster = out.pop("roster")
    report = verify(problem, roster) if roster is not None else None
    progress = [(t, o / SCALE, b / SCALE) for t, o, b in out.pop("progress")]  # type: ignore[attr-defined]
    best = progress[-1] if progress else None
    return {
        **out,
        "objective": report.kpis.objective if report else None,
        "verified": bool(report and report.ok),
        "bound": best[2] if best else None,
        "gaps": {f"{t:g}": _gap_at(progress, t) for t in CHECKPOINTS},
        "coverage_percent": report.kpis.coverage_percent if report else None,
    }


def _fmt(value: Any, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def _pct(value: Any) -> str:
    return "-" if value is None else f"{100 * value:.2f} %"


def _ratio(ours: Any, naive: Any) -> str:
    if ours is None or naive is None or naive == 0:
        return "-"
    return f"{ours / naive:.3f}"


def print_row(agents: int, ours: dict[str, Any], naive: dict[str, Any] | None) -> None:
    n = naive or {}
    print(f"\n== {agents} agents ==")
    print(f"{'':28}{'homeshore':>16}{'naive slot model':>20}{'ratio':>10}")
    rows = [
        ("build s", ours["build_seconds"], n.get("build_seconds"), _fmt),
        (
            "first verified roster s",
            ours["first_verified_seconds"],
            n.get("first_solution_seconds"),
            _fmt,
        ),
        ("objective (verifier)", ours["objective"], n.get("objective"), _fmt),
        ("proven bound", ours["bound"], n.get("bound"), _fmt),
        *[
            (f"gap at {t:g} s", ours["gaps"][f"{t:g}"], n.get("gaps", {}).get(f"{t:g}"), None)
            for t in CHECKPOINTS
        ],
        ("coverage %", ours["coverage_percent"], n.get("coverage_percent"), _fmt),
        ("peak memory MB", ours["peak_mb"], n.get("peak_mb"), lambda v: _fmt(v, "{:.0f}")),
    ]
    for label, mine, theirs, fmt in rows:
        if fmt is None:
            print(f"{label:28}{_pct(mine):>16}{_pct(theirs):>20}{_ratio(mine, theirs):>10}")
        else:
            print(f"{label:28}{fmt(mine):>16}{fmt(theirs):>20}{_ratio(mine, theirs):>10}")
    print(
        f"verified: homeshore {ours['verified']}, naive {n.get('verified', '-')}; "
        f"{ours['candidate_shifts']:,} candidate shifts"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000,3000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument(
        "--naive-max-agents", type=int, default=1000, help="Skip the baseline above this size."
    )
    parser.add_argument("--json", help="Also write all figures to this file.")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"seed {args.seed}, time limit {args.time_limit:g} s, {args.workers} CP-SAT workers")
    figures = {}
    for agents in sizes:
        ours = _isolated(run_ours, agents, args.seed, args.time_limit, args.workers)
        naive = None
        if agents <= args.naive_max_agents:
            naive = _isolated(run_naive, agents, args.seed, args.time_limit, args.workers)
        print_row(agents, ours, naive)
        sys.stdout.flush()
        figures[agents] = {"homeshore": ours, "naive": naive}
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(figures, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
