"""``make bench``: the solver on honest weeks, several seeds per size, median and worst.

Instances come from ``bench/honest_weeks.py`` (never from the tuned-on ``bench/generator.py``):
the Paris site open 07:00-22:00 seven days a week, the week of the spring daylight-saving
change, agents in four countries and zones, Erlang-C demand from the shared bank profile,
an onshore queue short of qualified agents. Per size and seed, each in a fresh process
(``bench.measure``) so that its peak memory is its own:

1. a solve that stops at the first roster, which the verifier then checks: the seconds to
   a *first verified roster* (wall clock around ``solve``, validation and build included);
2. a full solve to the limit: the gap of the best roster found by 10/20/30/60 (/120) s
   against the best bound proven by then, the wall against the limit, coverage and the
   verifier's verdict on the final roster;
3. the naive slot model (``bench/naive_model.py``) on the same instance, same limit.

Then one row per size: the median and the worst over the seeds. A gap not proven by a
checkpoint counts as the worst. Four-week rows (28 days, the DST change in the first week)
follow with their own limit.

    python -m bench.honest_bench                         # 300/1000/3000 x seeds 1,2,3, 60 s
    python -m bench.honest_bench --sizes 300 --seeds 1 --time-limit 20 --month-sizes ""
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections.abc import Callable
from time import perf_counter
from typing import Any

from bench.measure import gap_at, isolated

CHECKPOINTS = (10.0, 20.0, 30.0, 60.0, 120.0)


def _instance(agents: int, seed: int, days: int, site: str, week: str) -> Any:
    from bench.honest_weeks import generate

    problem, _ = generate(agents, seed, days, site, week)
    return problem


def _checkpoints(limit: float) -> list[float]:
    return [t for t in CHECKPOINTS if t <= limit + 1e-9]


def run_ours(
    agents: int, seed: int, days: int, site: str, week: str, limit: float, workers: int
) -> dict[str, Any]:
    """Our solver: first verified roster, then the full solve (see the module docstring)."""
    from solver.result import SolveSettings
    from solver.solve import solve
    from solver.verifier import verify

    problem = _instance(agents, seed, days, site, week)
    settings = SolveSettings(time_limit_seconds=limit, num_workers=workers, random_seed=seed)
    started = perf_counter()
    first = solve(problem, settings.model_copy(update={"stop_after_first_solution": True}))
    first_seconds = perf_counter() - started
    first_ok = first.roster is not None and verify(problem, first.roster).ok
    started = perf_counter()
    result = solve(problem, settings)
    wall = perf_counter() - started
    report = verify(problem, result.roster) if result.roster is not None else None
    progress = [(p.seconds, p.objective, p.bound) for p in result.progress]
    return {
        "status": result.status,
        "candidate_shifts": result.candidate_shifts,
        "first_verified_seconds": first_seconds if first_ok else None,
        "gaps": {f"{t:g}": gap_at(progress, t) for t in _checkpoints(limit)},
        "gap": result.gap,
        "wall_seconds": wall,
        "verified": bool(report and report.ok),
        "objective": report.kpis.objective if report else None,
        "coverage_percent": report.kpis.coverage_percent if report else None,
        "clipped_windows": sum("window" in w and "horizon" in w for w in result.warnings),
    }


def run_naive(
    agents: int, seed: int, days: int, site: str, week: str, limit: float, workers: int
) -> dict[str, Any]:
    """The naive slot model on the same instance and limit."""
    from bench.naive_model import solve_naive
    from solver.model.inputs import SCALE
    from solver.verifier import verify

    problem = _instance(agents, seed, days, site, week)
    started = perf_counter()
    out = solve_naive(problem, limit, workers)
    wall = perf_counter() - started
    roster = out.pop("roster")
    report = verify(problem, roster) if roster is not None else None  # type: ignore[arg-type]
    points: list[tuple[float, float, float]] = out.pop("progress")  # type: ignore[assignment]
    progress = [(t, o / SCALE, b / SCALE) for t, o, b in points]
    return {
        "first_verified_seconds": out.get("first_solution_seconds")
        if report and report.ok
        else None,
        "gaps": {f"{t:g}": gap_at(progress, t) for t in _checkpoints(limit)},
        "wall_seconds": wall,
        "verified": bool(report and report.ok),
        "objective": report.kpis.objective if report else None,
        "coverage_percent": report.kpis.coverage_percent if report else None,
    }


def _order(value: float | None, worst_is_high: bool) -> float:
    if value is None:
        return math.inf
    return value if worst_is_high else -value


def median_and_worst(values: list[float | None], worst_is_high: bool = True) -> tuple[Any, Any]:
    """The median and the worst; a missing value (None) is the worst of all."""
    if not values:
        return None, None
    ordered = sorted(values, key=lambda v: _order(v, worst_is_high))
    keys = [_order(v, worst_is_high) for v in ordered]
    middle = statistics.median(keys)
    median = None if math.isinf(middle) else (middle if worst_is_high else -middle)
    return median, ordered[-1]


def _num(value: Any, pattern: str) -> str:
    return "–" if value is None else pattern.format(value)


def _pair(values: list[Any], pattern: str, worst_is_high: bool = True) -> str:
    median, worst = median_and_worst(values, worst_is_high)
    return f"{_num(median, pattern)} / {_num(worst, pattern)}"


def _pct(value: Any) -> str:
    return "–" if value is None else f"{100 * value:.2f} %"


def _pct_pair(values: list[Any]) -> str:
    median, worst = median_and_worst(values)
    return f"{_pct(median)} / {_pct(worst)}"


def table_rows(label: str, agents: int, limit: float, runs: list[dict[str, Any]]) -> list[str]:
    """Markdown rows (ours, then the naive model) of one size: median / worst over seeds."""
    rows = []
    for who in ("homeshore", "naive"):
        figures = [r[who] for r in runs if r.get(who) is not None]
        if not figures:
            rows.append(f"| {label} | {agents:,} | {who} | not run | | | | | | | | |")
            continue
        gaps = [
            _pct_pair([f["gaps"].get(f"{t:g}") for f in figures]) if t <= limit else "n/a"
            for t in CHECKPOINTS[:4]
        ]
        cells = [
            label,
            f"{agents:,}",
            who,
            _pair([f["first_verified_seconds"] for f in figures], "{:.1f}"),
            *gaps,
            _pct_pair([f["gaps"].get(f"{limit:g}", f.get("gap")) for f in figures]),
            _pair([f["wall_seconds"] for f in figures], "{:.1f}") + f" (limit {limit:g})",
            _pair([f["peak_mb"] for f in figures], "{:,.0f}"),
            _pair([f["coverage_percent"] for f in figures], "{:.1f} %", worst_is_high=False),
            f"{sum(f['verified'] for f in figures)}/{len(figures)}",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


HEADER = [
    "| horizon | agents | solver | first verified roster s | gap at 10 s | gap at 20 s "
    "| gap at 30 s | gap at 60 s | gap at the limit | wall s | peak MB | coverage | verified |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
]


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def bench(
    label: str,
    days: int,
    sizes: list[int],
    seeds: list[int],
    limit: float,
    args: argparse.Namespace,
    naive_max: int,
    log: Callable[[str], None],
    save: Callable[[str, list[dict[str, Any]]], None],
) -> list[str]:
    """Table rows of every size; each run is logged and saved as soon as it ends."""
    rows = []
    for agents in sizes:
        runs = []
        for seed in seeds:
            spec = (agents, seed, days, args.site, args.week, limit, args.workers)
            ours = isolated(run_ours, *spec)
            naive = isolated(run_naive, *spec) if agents <= naive_max else None
            first = _num(ours["first_verified_seconds"], "{:.1f}")
            log(
                f"{label} {agents} agents seed {seed}: first {first} s, "
                f"gap at {limit:g} s {_pct(ours['gaps'].get(f'{limit:g}'))}, "
                f"wall {ours['wall_seconds']:.1f} s, {ours['peak_mb']:.0f} MB, "
                f"coverage {_num(ours['coverage_percent'], '{:.1f}')} %, "
                f"verified {ours['verified']}, {ours['clipped_windows']} clipped windows"
                + (
                    f"; naive gap {_pct(naive['gaps'].get(f'{limit:g}'))}, "
                    f"coverage {_num(naive['coverage_percent'], '{:.1f}')} %"
                    if naive
                    else ""
                )
            )
            runs.append({"seed": seed, "homeshore": ours, "naive": naive})
            save(f"{label}/{agents}", runs)
        rows += table_rows(label, agents, limit, runs)
        log("\n".join(rows[-2:]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000", help="Agents per one-week row.")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--month-sizes", default="1000", help='28-day rows; "" for none.')
    parser.add_argument("--month-time-limit", type=float, default=120.0)
    parser.add_argument("--site", choices=("paris", "always"), default="paris")
    parser.add_argument("--week", choices=("dst", "ordinary"), default="dst")
    parser.add_argument("--workers", type=int, default=8, help="CP-SAT workers.")
    parser.add_argument("--naive-max-agents", type=int, default=1000)
    parser.add_argument(
        "--month-naive-max-agents",
        type=int,
        default=0,
        help="The naive model on 28 days (off by default: its slot model does not fit).",
    )
    parser.add_argument("--json", help="Also write every run's figures here, run by run.")
    args = parser.parse_args(argv)

    from bench.honest_weeks import SharedDataMissing, read_profile

    try:
        read_profile()
    except SharedDataMissing as exc:
        print(f"honest_bench: {exc}", file=sys.stderr)
        return 2
    seeds = _sizes(args.seeds)

    figures: dict[str, list[dict[str, Any]]] = {}

    def log(line: str) -> None:
        print(line, flush=True)

    def save(key: str, runs: list[dict[str, Any]]) -> None:
        figures[key] = runs
        if args.json:
            with open(args.json, "w") as handle:
                json.dump(figures, handle, indent=1)

    log(
        f"honest weeks: site {args.site}, week {args.week}, seeds {args.seeds}, "
        f"{args.workers} CP-SAT workers; median / worst over seeds"
    )
    rows = bench(
        "1 week",
        7,
        _sizes(args.sizes),
        seeds,
        args.time_limit,
        args,
        args.naive_max_agents,
        log,
        save,
    )
    month_rows = bench(
        "4 weeks",
        28,
        _sizes(args.month_sizes),
        seeds,
        args.month_time_limit,
        args,
        args.month_naive_max_agents,
        log,
        save,
    )
    print("\n" + "\n".join(HEADER + rows + month_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
