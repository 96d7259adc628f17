"""``homeshore verify PROBLEM.json ROSTER.json``: check a roster, independently of the solver.

Exit status: 0 when every hard rule holds, 1 when at least one is broken (each violation is
printed on its own line), 2 when a file cannot be read or does not match its format.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from solver.verifier import VerificationReport

HELP = "Check a roster against a problem's hard rules and recompute its KPIs."


def register(app: typer.Typer) -> None:
    app.command("verify", help=HELP)(verify_command)


def verify_command(
    problem_path: Annotated[
        Path, typer.Argument(metavar="PROBLEM.json", help="The problem file.", show_default=False)
    ],
    roster_path: Annotated[
        Path, typer.Argument(metavar="ROSTER.json", help="The roster to check.", show_default=False)
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole report (violations, KPIs) as JSON.")
    ] = False,
) -> int:
    from api.cli.input_files import InputFileError, load_model
    from solver.problem import Problem
    from solver.roster import Roster
    from solver.verifier import verify

    try:
        problem = load_model(problem_path, Problem)
        roster = load_model(roster_path, Roster)
    except InputFileError as exc:
        print(f"homeshore verify: {exc}", file=sys.stderr)
        return 2
    try:
        report = verify(problem, roster)
    except (ValueError, OverflowError) as exc:
        print(f"homeshore verify: a date cannot be placed in time: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(report.model_dump_json(indent=2))
    else:
        print("\n".join(summary_lines(report)))
    return 0 if report.ok else 1


def summary_lines(report: VerificationReport) -> list[str]:
    """Each violation on its own line, then notes and a short KPI summary."""
    from api.reports.numbers import CLI_LOCALE, decimal, hours, money, percent_points

    def h(value: float) -> str:
        return hours(value, CLI_LOCALE, 2)

    lines = [str(v) for v in report.violations]
    count = len(report.violations)
    lines.append("every hard rule holds" if report.ok else f"{count} hard-rule violation(s)")
    lines += [f"note: {note}" for note in report.notes]
    k = report.kpis
    lines.append(
        f"coverage {percent_points(k.coverage_percent, CLI_LOCALE, 2)}, "
        f"unmet {decimal(k.unmet_agent_hours, CLI_LOCALE)} agent-hours, "
        f"overstaffed {decimal(k.overstaffed_agent_hours, CLI_LOCALE)} agent-hours"
    )
    for queue in k.queues.values():
        required = sum(queue.required) * k.slot_minutes / 60
        lines.append(
            f"  queue {queue.queue}: required {h(required)}, "
            f"unmet {h(queue.unmet_agent_hours)}, "
            f"overstaffed {h(queue.overstaffed_agent_hours)}"
        )
    lines.append(f"worked {h(k.worked_hours)}, cost {money(k.cost, CLI_LOCALE)}")
    terms = ", ".join(
        f"{name} {decimal(value, CLI_LOCALE)}" for name, value in k.objective_terms.items()
    )
    lines.append(f"objective {decimal(k.objective, CLI_LOCALE)} ({terms})")
    return lines
