"""Fresh, migrated test databases: an SQLite file, or a PostgreSQL schema of its own.

PostgreSQL is used when HOMESHORE_TEST_DATABASE_URL is set. Each database gets a schema
with a random name, so runs sharing one server (CI, other checkouts) never meet.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from api.db.engine import make_engine
from api.db.migrate import upgrade

TEST_DATABASE_URL = os.environ.get("HOMESHORE_TEST_DATABASE_URL", "")


def database_kind() -> str:
    return "postgresql" if TEST_DATABASE_URL else "sqlite"


@contextmanager
def fresh_database(directory: Path) -> Iterator[tuple[str, Engine]]:
    """A migrated database (its URL for other processes, and an engine); dropped after."""
    if not TEST_DATABASE_URL:
        path = directory / f"homeshore-{uuid.uuid4().hex[:8]}.sqlite3"
        url = f"sqlite:///{path}"
        engine = make_engine(url)
        upgrade(engine)
        try:
            yield url, engine
        finally:
            engine.dispose()
        return
    schema = f"hs_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(TEST_DATABASE_URL)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = _with_search_path(TEST_DATABASE_URL, schema)
    engine = make_engine(url)
    try:
        upgrade(engine)
        yield url, engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def _with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"
