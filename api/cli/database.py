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


@contextmanager
def configured_session(write: bool) -> Iterator[Session]:
    """One unit of work (committed on success) whose engine is disposed afterwards.

    Raises :class:`CommandError` when the database cannot be reached (exit 1) or is not
    migrated to the newest revision (exit 2: run ``homeshore db upgrade``).
    """
    from sqlalchemy.exc import OperationalError

    from api.db.database import Database
    from api.db.migrate import pending_reason

    engine = configured_engine()
    try:
        try:
            reason = pending_reason(engine)
        except OperationalError as exc:
            raise cannot_open(engine, exc) from exc
        if reason is not None:
            raise CommandError(reason)
        with Database(engine).session(write=write) as session:
            yield session
    finally:
        engine.dispose()


def cannot_open(engine: Engine, error: OperationalError) -> CommandError:
    """The database is down or the URL is wrong: exit 1, the driver's reason on one line."""
    where = engine.url.render_as_string(hide_password=True)
    return CommandError(f"cannot open the database {where}: {' '.join(str(error.orig).split())}", 1)
