"""The database a command works on: HOMESHORE_DATABASE_URL, opened and closed per command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session


def configured_engine() -> Engine:
    from api.db.engine import make_engine
    from api.settings import Settings

    return make_engine(Settings().database_url)


@contextmanager
def configured_session(write: bool) -> Iterator[Session]:
    """One unit of work (committed on success) whose engine is disposed afterwards."""
    from api.db.database import Database

    engine = configured_engine()
    try:
        with Database(engine).session(write=write) as session:
            yield session
    finally:
        engine.dispose()
