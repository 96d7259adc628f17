"""``homeshore db upgrade|current|load-problem``: migrate the database, import a problem."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "Manage the database: apply migrations, or load a problem file into an empty one."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="db_action", required=True, metavar="ACTION")
    upgrade = sub.add_parser("upgrade", help="Apply migrations up to a revision (default head).")
    upgrade.add_argument("revision", nargs="?", default="head")
    load = sub.add_parser(
        "load-problem",
        help="Import a problem.json (site, queues, agents, period, demand, availability) "
        "into a database that has no sites yet.",
    )
    load.add_argument("path", type=Path)
    load.add_argument(
        "--if-empty", action="store_true", help="Do nothing (exit 0) when sites already exist."
    )


def run(args: argparse.Namespace) -> int:
    from api.db.engine import make_engine
    from api.settings import Settings

    settings = Settings()
    engine = make_engine(settings.database_url)
    try:
        if args.db_action == "upgrade":
            from api.db.migrate import upgrade

            upgrade(engine, args.revision)
            print(f"database at {args.revision}: {engine.url.render_as_string(hide_password=True)}")
            return 0
        return _load_problem(engine, args.path, args.if_empty)
    finally:
        engine.dispose()


def _load_problem(engine: object, path: Path, if_empty: bool) -> int:
    from pydantic import ValidationError

    from api.db.database import Database
    from api.errors import ServiceError
    from api.imports.service import import_problem
    from solver.problem import Problem

    if not path.is_file():
        print(f"no problem file at {path}")
        return 2
    try:
        problem = Problem.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        print(f"{path}: not a valid problem:\n{exc}")
        return 2
    database = Database(engine)  # type: ignore[arg-type]
    try:
        with database.session(write=True) as session:
            summary = import_problem(session, problem, skip_if_not_empty=if_empty)
    except ServiceError as exc:
        print(f"{path}: {exc}")
        return 1
    print(summary)
    return 0
