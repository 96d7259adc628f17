"""``homeshore db upgrade|load-problem``: migrate the database, import a problem."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

HELP = "Manage the database: apply migrations, or load a problem file into an empty one."


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=HELP)
    group.command("upgrade", help="Apply migrations up to a revision (default head).")(upgrade)
    group.command(
        "load-problem",
        help="Import a problem.json (site, queues, agents, period, demand, availability) "
        "into a database that has no sites yet.",
    )(load_problem)
    app.add_typer(group, name="db")


def upgrade(revision: Annotated[str, typer.Argument()] = "head") -> int:
    """Exit 0 at the revision, 1 when the database cannot be reached, 2 for an unknown one."""
    from alembic.util.exc import CommandError as AlembicError
    from sqlalchemy.exc import OperationalError

    from api.cli.database import cannot_open, configured_engine
    from api.db.migrate import upgrade as upgrade_to

    engine = configured_engine()
    try:
        upgrade_to(engine, revision)
    except AlembicError as exc:
        print(f"homeshore db upgrade: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        raise cannot_open(engine, exc) from exc
    finally:
        engine.dispose()
    print(f"database at {revision}: {engine.url.render_as_string(hide_password=True)}")
    return 0


def load_problem(
    path: Annotated[Path, typer.Argument(metavar="PROBLEM.json", show_default=False)],
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing (exit 0) when sites already exist.")
    ] = False,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Move the problem to start next Monday, its availability open until then, "
            "so that agents' actions work today (make serve loads the demo week so).",
        ),
    ] = False,
) -> int:
    """Exit 0 loaded (or nothing to do with --if-empty), 1 sites exist, 2 bad file."""
    from datetime import UTC, datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from api.cli.database import configured_session
    from api.cli.input_files import InputFileError, load_model
    from api.errors import ServiceError
    from api.imports.service import import_problem
    from solver.problem import Problem
    from solver.problem_dates import move_to, next_monday

    if not path.is_file():
        print(f"homeshore db load-problem: no problem file at {path}", file=sys.stderr)
        return 2
    try:
        problem = load_model(path, Problem)
    except InputFileError as exc:
        print(f"homeshore db load-problem: {exc}", file=sys.stderr)
        return 2
    closes_at = None
    if demo:
        zone = ZoneInfo(problem.horizon.time_zone)
        monday = next_monday(datetime.now(zone).date())
        first_weekday = problem.horizon.first_day.weekday()
        problem = move_to(problem, monday + timedelta(days=first_weekday))
        start = datetime.combine(problem.horizon.first_day, time(0), tzinfo=zone)
        closes_at = start.astimezone(UTC)
    try:
        with configured_session(write=True) as session:
            summary = import_problem(
                session, problem, skip_if_not_empty=if_empty, availability_closes_at=closes_at
            )
    except ServiceError as exc:
        print(f"homeshore db load-problem: {path}: {exc}", file=sys.stderr)
        return 1
    print(summary)
    return 0
