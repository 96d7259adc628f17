"""The unit of work: one session, one transaction, committed on success, rolled back on error.

Requests, background solve supervisors and CLI commands all open sessions here, so the rule
"services never commit" holds everywhere. Tests swap in a database bound to one connection
whose outer transaction is rolled back after the test.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from api.db.engine import make_session_factory, writer_bind


class Database:
    """Sessions over an engine; ``write=True`` takes the SQLite write lock at BEGIN."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reader = make_session_factory(engine)
        self._writer = make_session_factory(writer_bind(engine))
        # SQLite admits one writer at a time and makes the others poll with growing sleeps;
        # queueing this process's writers on a lock first serves them in turn, promptly.
        self._write_turn: AbstractContextManager[Any] = (
            threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        if not write:
            with self._reader() as session:
                yield from _unit_of_work(session)
            return
        with self._write_turn, self._writer() as session:
            yield from _unit_of_work(session)


def _unit_of_work(session: Session) -> Iterator[Session]:
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


class ConnectionBoundDatabase(Database):
    """Sessions joined to an open connection's transaction, each commit a savepoint.

    Used by the test-suite: the caller owns the outer transaction and rolls it back.
    """

    def __init__(self, connection: Connection) -> None:
        self.engine = connection.engine
        self._connection = connection

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        with Session(
            bind=self._connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
        ) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
