"""The database a command works on: HOMESHORE_DATABASE_URL, opened and closed per command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from api.cli.errors import CommandError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session


def configured_engine() -> Engine:
    from api.db.engine import make_engine
    from api.settings import Settings

    return make_engine(Settings().database_url)


def absent_sqlite_file(engine: Engine) -> CommandError | None:
    """The error for a SQLite file that does not exist yet, before anything creates it.

    Connecting would create an empty file (a stray database in whatever folder the command
    ran from, typically outside the project); only ``homeshore db upgrade`` should create one.
    """
    from pathlib import Path

    if engine.url.get_backend_name() != "sqlite":
        return None
    name = engine.url.database or ""
    if name in ("", ":memory:") or name.startswith("file:"):
        return None
    path = Path(name)
    if path.exists() or not path.parent.is_dir():  # a missing folder: cannot open (exit 1)
        return None
    return CommandError(
        f"no database at {path.resolve()} (HOMESHORE_DATABASE_URL, default "
        "./homeshore.sqlite3): run the command from the project folder, or run "
        "`homeshore db upgrade` first to create it"
    )


def require_migrated(engine: Engine) -> None:
    """Raise :class:`CommandError` unless the database exists and is at the newest revision."""
    from sqlalchemy.exc import OperationalError

    from api.db.migrate import pending_reason

    absent = absent_sqlite_file(engine)
    if absent is not None:
        raise absent
    try:
        reason = pending_reason(engine)
    except OperationalError as exc:
        raise cannot_open(engine, exc) from exc
    if reason is not None:
        raise CommandError(reason)


@contextmanager
def configured_session(write: bool) -> Iterator[Session]:
    """One unit of work (committed on success) whose engine is disposed afterwards.

    Raises :class:`CommandError` when the database cannot be reached (exit 1), does not
    exist (a SQLite file, left uncreated) or is not migrated to the newest revision (exit 2:
    run ``homeshore db upgrade``).
    """
    from api.db.database import Database

    engine = configured_engine()
    try:
        require_migrated(engine)
        with Database(engine).session(write=write) as session:
            yield session
    finally:
        engine.dispose()


def cannot_open(engine: Engine, error: OperationalError) -> CommandError:
    """The database is down or the URL is wrong: exit 1, the driver's reason on one line."""
    where = engine.url.render_as_string(hide_password=True)
    return CommandError(f"cannot open the database {where}: {' '.join(str(error.orig).split())}", 1)
