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
    lines = [str(v) for v in report.violations]
    count = len(report.violations)
    lines.append("every hard rule holds" if report.ok else f"{count} hard-rule violation(s)")
    lines += [f"note: {note}" for note in report.notes]
    k = report.kpis
    lines.append(
        f"coverage {k.coverage_percent:.2f} %, unmet {k.unmet_agent_hours:.2f} agent-hours, "
        f"overstaffed {k.overstaffed_agent_hours:.2f} agent-hours"
    )
    for queue in k.queues.values():
        required = sum(queue.required) * k.slot_minutes / 60
        lines.append(
            f"  queue {queue.queue}: required {required:.2f} h, "
            f"unmet {queue.unmet_agent_hours:.2f} h, "
            f"overstaffed {queue.overstaffed_agent_hours:.2f} h"
        )
    lines.append(f"worked {k.worked_hours:.2f} h, cost {k.cost:.2f}")
    terms = ", ".join(f"{name} {value:.2f}" for name, value in k.objective_terms.items())
    lines.append(f"objective {k.objective:.2f} ({terms})")
    return lines
