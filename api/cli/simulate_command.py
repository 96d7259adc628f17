"""``homeshore simulate PROBLEM.json ROSTER.json``: the service a roster delivers, simulated.

The forecast is the staffing plan ``homeshore staff`` left beside the problem
(``PROBLEM.forecast.json``) or the one given with ``--forecast``: contacts, handle times,
target and patience. Prints, per queue and week, the simulated service level, ASA,
abandonment and occupancy with their confidence intervals, beside the Erlang figure for
the same agents; ``--json`` prints every slot too. Exit status 0, or 2 when a file cannot be
read or there is no forecast to simulate against.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

HELP = "Simulate a roster against its forecast (multi-skill routing, abandonment)."


def register(app: typer.Typer) -> None:
    app.command("simulate", help=HELP)(simulate_command)


def simulate_command(
    problem_path: Annotated[
        Path, typer.Argument(metavar="PROBLEM.json", help="The problem file.", show_default=False)
    ],
    roster_path: Annotated[
        Path,
        typer.Argument(metavar="ROSTER.json", help="The roster to simulate.", show_default=False),
    ],
    forecast: Annotated[
        Path | None,
        typer.Option(
            "--forecast",
            help="Staffing plan from 'homeshore staff' (default: PROBLEM.forecast.json).",
            show_default=False,
        ),
    ] = None,
    replications: Annotated[
        int, typer.Option("--replications", min=2, max=200, help="Independent runs.")
    ] = 10,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Same seed, same figures.")] = 0,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole report, every slot, as JSON.")
    ] = False,
) -> int:
    from api.cli.input_files import InputFileError, load_model
    from api.reports.service_summary import load_plan
    from solver.problem import Problem
    from solver.roster import Roster
    from solver.simulation.report import simulate

    try:
        problem = load_model(problem_path, Problem)
        roster = load_model(roster_path, Roster)
        plan = load_plan(problem, problem_path, forecast)
    except (InputFileError, ValueError) as exc:
        print(f"homeshore simulate: {exc}", file=sys.stderr)
        return 2
    if plan is None:
        print(
            f"homeshore simulate: no forecast to simulate against: give --forecast, or make "
            f"the problem with 'homeshore staff' (it writes {problem_path.stem}.forecast.json)",
            file=sys.stderr,
        )
        return 2
    try:
        report = simulate(problem, roster, plan, replications, seed)
    except ValueError as exc:
        print(f"homeshore simulate: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(report.as_dict(), indent=1, default=str))
    else:
        print("\n".join(report.summary_lines()))
    return 0
