"""``homeshore verify PROBLEM.json ROSTER.json``: check a roster, independently of the solver.

Exit status: 0 when every hard rule holds, 1 when at least one is broken (each violation is
printed on its own line), 2 when a file cannot be read or does not match its format.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from solver.verifier import VerificationReport

HELP = "Check a roster against a problem's hard rules and recompute its KPIs."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("problem", type=Path, metavar="PROBLEM.json", help="The problem file.")
    parser.add_argument("roster", type=Path, metavar="ROSTER.json", help="The roster to check.")
    parser.add_argument(
        "--json", action="store_true", help="Print the whole report (violations, KPIs) as JSON."
    )


def run(args: argparse.Namespace) -> int:
    from api.cli.input_files import InputFileError, load_model
    from solver.problem import Problem
    from solver.roster import Roster
    from solver.verifier import verify

    try:
        problem = load_model(args.problem, Problem)
        roster = load_model(args.roster, Roster)
    except InputFileError as exc:
        print(f"homeshore verify: {exc}", file=sys.stderr)
        return 2
    try:
        report = verify(problem, roster)
    except (ValueError, OverflowError) as exc:
        print(f"homeshore verify: a date cannot be placed in time: {exc}", file=sys.stderr)
        return 2
    if args.json:
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
