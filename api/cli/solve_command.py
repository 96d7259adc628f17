"""``homeshore solve PROBLEM.json --out DIR``: solve, verify, summarise and write the roster.

Writes ``roster.json`` (the format ``homeshore verify`` reads), ``roster.csv``,
``kpis.json``, ``agents.csv``, ``caller_notice.csv`` and ``coverage.png`` into DIR.
Exit status: 0 with a verified roster, 1 when no roster was found or it failed
verification, 2 for an unreadable or invalid problem file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HELP = "Solve a planning problem and write the verified roster, KPIs and charts."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("problem", type=Path, metavar="PROBLEM.json")
    parser.add_argument("--out", type=Path, required=True, help="Directory for the results.")
    parser.add_argument("--time-limit", type=float, default=30.0, help="Seconds (default 30).")
    parser.add_argument(
        "--gap", type=float, default=0.001, help="Stop at this relative gap (default 0.001)."
    )
    parser.add_argument("--workers", type=int, default=0, help="CP-SAT workers (0 = auto).")
    parser.add_argument("--seed", type=int, default=0, help="Random seed of the search.")
    parser.add_argument("--quiet", action="store_true", help="Do not print progress.")
    parser.add_argument(
        "--forecast",
        type=Path,
        help="Staffing plan from 'homeshore staff' to judge the expected service level "
        "(default: PROBLEM.forecast.json beside the problem, when present).",
    )


def _progress_printer(quiet: bool):  # type: ignore[no-untyped-def]
    def show(point) -> None:  # type: ignore[no-untyped-def]
        if not quiet:
            line = f"  {point.seconds:7.2f} s  objective {point.objective:14,.2f}"
            if point.bound is not None:
                gap = (point.objective - point.bound) / point.objective if point.objective else 0.0
                line += f"  bound {point.bound:14,.2f}  gap {100 * gap:6.2f} %"
            print(line, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    from api.cli.input_files import InputFileError, load_model
    from api.reports.coverage_chart import write_coverage_chart
    from api.reports.roster_csv import roster_csv
    from api.reports.service_summary import load_plan, service_csv, service_lines
    from api.reports.solve_summary import summary
    from api.reports.tables import agent_hours_csv, caller_notice_csv
    from solver.problem import Problem
    from solver.result import SolveSettings
    from solver.solve import solve
    from solver.staffing.roster_service import judge_roster
    from solver.verifier import verify

    try:
        problem = load_model(args.problem, Problem)
        settings = SolveSettings(
            time_limit_seconds=args.time_limit,
            relative_gap_limit=args.gap,
            num_workers=args.workers,
            random_seed=args.seed,
        )
    except InputFileError as exc:
        print(f"homeshore solve: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"homeshore solve: invalid option: {exc}", file=sys.stderr)
        return 2
    try:
        plan = load_plan(problem, args.problem, args.forecast)
    except (InputFileError, ValueError) as exc:
        print(f"homeshore solve: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(
            f"solving {problem.name or args.problem}: {len(problem.agents)} agents, "
            f"{len(problem.queues)} queues, {problem.horizon.days} days, "
            f"time limit {settings.time_limit_seconds:g} s",
            flush=True,
        )
    result = solve(problem, settings, _progress_printer(args.quiet))
    if result.status == "invalid":
        print("homeshore solve: the problem is invalid:", file=sys.stderr)
        for conflict in result.conflicts:
            print(f"  {conflict.detail}", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    report = verify(problem, result.roster) if result.roster is not None else None
    kpis: dict[str, Any] = {
        "status": result.status,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "wall_seconds": result.wall_seconds,
        "build_seconds": result.build_seconds,
        "first_solution_seconds": result.first_solution_seconds,
        "candidate_shifts": result.candidate_shifts,
        "objective_terms": result.objective_terms,
        "conflicts": [c.model_dump() for c in result.conflicts],
        "warnings": list(result.warnings),
        "changes": [c.model_dump(mode="json") for c in result.changes],
        "progress": [p.model_dump() for p in result.progress],
    }
    if report is not None and result.roster is not None:
        k = report.kpis
        kpis |= {
            "verified": report.ok,
            "violations": [str(v) for v in report.violations],
            "coverage_percent": k.coverage_percent,
            "unmet_agent_hours": k.unmet_agent_hours,
            "unmet_agent_hours_by_queue": {q: c.unmet_agent_hours for q, c in k.queues.items()},
            "overstaffed_agent_hours": k.overstaffed_agent_hours,
            "cost": k.cost,
            "worked_hours": k.worked_hours,
            "verified_objective": k.objective,
        }
        (out / "roster.json").write_text(result.roster.model_dump_json(indent=1) + "\n")
        (out / "roster.csv").write_text(roster_csv(problem, result.roster))
        (out / "agents.csv").write_text(agent_hours_csv(report))
        (out / "caller_notice.csv").write_text(caller_notice_csv(report))
        write_coverage_chart(k, out / "coverage.png", problem.name)
    service = judge_roster(result.roster, plan) if plan and result.roster is not None else None
    if service is not None:
        kpis["service"] = {key: v for key, v in service.as_dict().items() if key != "slots"}
        (out / "service.csv").write_text(service_csv(service))
    (out / "kpis.json").write_text(json.dumps(kpis, indent=1) + "\n")
    print(summary(problem, result, report))
    if service is not None:
        print("\n".join(service_lines(service)))
    print(f"wrote {', '.join(sorted(p.name for p in out.iterdir()))} to {out}")
    return 0 if report is not None and report.ok else 1
