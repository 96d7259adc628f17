"""``homeshore solve PROBLEM.json --out DIR``: solve, verify, summarise and write the roster.

Writes ``roster.json`` (the format ``homeshore verify`` reads), ``roster.csv``,
``kpis.json``, ``agents.csv``, ``caller_notice.csv`` and ``coverage.png`` into DIR.
Exit status: 0 with a verified roster, 1 when no roster was found or it failed
verification, 2 for an unreadable or invalid problem file or option.

On a terminal the search is shown live (objective, bound, gap, elapsed seconds) and the
summary as tables; in a file or pipe each improving roster is a plain line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

HELP = "Solve a planning problem and write the verified roster, KPIs and charts."
_OPTION_OF = {
    "time_limit_seconds": "--time-limit",
    "relative_gap_limit": "--gap",
    "num_workers": "--workers",
    "random_seed": "--seed",
}


def register(app: typer.Typer) -> None:
    app.command("solve", help=HELP)(solve_command)


def solve_command(
    problem_path: Annotated[Path, typer.Argument(metavar="PROBLEM.json", show_default=False)],
    out: Annotated[
        Path, typer.Option("--out", help="Directory for the results.", show_default=False)
    ],
    time_limit: Annotated[float, typer.Option(help="Seconds.")] = 30.0,
    gap: Annotated[float, typer.Option(help="Stop at this relative gap.")] = 0.001,
    workers: Annotated[int, typer.Option(help="CP-SAT workers (0 = auto).")] = 0,
    seed: Annotated[int, typer.Option(help="Random seed of the search.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", help="Do not print progress.")] = False,
    forecast: Annotated[
        Path | None,
        typer.Option(
            help="Staffing plan from 'homeshore staff' to judge the expected service level "
            "(default: PROBLEM.forecast.json beside the problem, when present).",
        ),
    ] = None,
) -> int:
    from pydantic import ValidationError
    from rich.console import Console

    from api.cli.input_files import InputFileError, load_model
    from api.cli.solve_display import solve_progress
    from api.cli.table_output import print_summary
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
        problem = load_model(problem_path, Problem)
        settings = SolveSettings(
            time_limit_seconds=time_limit,
            relative_gap_limit=gap,
            num_workers=workers,
            random_seed=seed,
        )
    except InputFileError as exc:
        print(f"homeshore solve: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        reasons = "; ".join(
            f"{_OPTION_OF.get(str(e['loc'][0]) if e['loc'] else '', 'option')}: {e['msg']}"
            for e in exc.errors()
        )
        print(f"homeshore solve: invalid option: {reasons}", file=sys.stderr)
        return 2
    try:
        plan = load_plan(problem, problem_path, forecast)
    except (InputFileError, ValueError) as exc:
        print(f"homeshore solve: {exc}", file=sys.stderr)
        return 2
    console = Console()
    if not quiet:
        print(
            f"solving {problem.name or problem_path}: {len(problem.agents)} agents, "
            f"{len(problem.queues)} queues, {problem.horizon.days} days, "
            f"time limit {settings.time_limit_seconds:g} s",
            flush=True,
        )
    with solve_progress(console, quiet, settings.time_limit_seconds) as on_progress:
        result = solve(problem, settings, on_progress)
    if result.status == "invalid":
        print("homeshore solve: the problem is invalid:", file=sys.stderr)
        for conflict in result.conflicts:
            print(f"  {conflict.detail}", file=sys.stderr)
        return 2
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
            "fairness_spread": k.fairness_spread,
            "fairness": [g.model_dump() for g in k.fairness],
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
    print_summary(
        console, summary(problem, result, report), service_lines(service) if service else ()
    )
    print(f"wrote {', '.join(sorted(p.name for p in out.iterdir()))} to {out}")
    return 0 if report is not None and report.ok else 1
