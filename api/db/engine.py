"""Engine and session factory built from a database URL.

SQLite gets real transactions (the driver's own implicit ones are switched off), WAL, a
busy timeout and foreign keys. A session opened for writing starts with ``BEGIN IMMEDIATE``
on SQLite, so two writers queue for the lock instead of failing when one upgrades a stale
read; on PostgreSQL writers lock the rows they change (``SELECT ... FOR UPDATE``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

WRITE_OPTION = "homeshore_write"


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(
    url: str, echo: bool = False, pool_size: int | None = None, **kwargs: Any
) -> Engine:
    """An engine for ``url`` with the per-dialect set-up described above.

    ``pool_size`` connections stay open (SQLAlchemy's default is 5); as many again are opened
    and closed on demand. An in-memory SQLite database keeps its one connection per thread.
    """
    if pool_size is not None and url.split("?")[0] not in ("sqlite://", "sqlite:///:memory:"):
        kwargs = {"pool_size": pool_size, "max_overflow": pool_size, **kwargs}
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": 30},
            **kwargs,
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, **kwargs)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (responses read them)."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


def writer_bind(engine: Engine) -> Engine:
    """The same engine, but transactions begun through it take the write lock at once."""
    return engine.execution_options(**{WRITE_OPTION: True})
