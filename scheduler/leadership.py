"""Which worker runs the scheduler: a database lock, so there is exactly one.

APScheduler 3 must not share a job store between two running schedulers (both would run
each job). Every ``homeshore worker`` therefore asks for this lock first and only starts
its scheduler while it holds it; the others wait as stand-bys and take over when the
holder goes away.

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on a connection the
  holder keeps open. The server releases it when that connection ends, however the
  process died. The key is derived from the schema name, so databases sharing a server
  never block each other.
- SQLite (no advisory locks): a lease row in ``scheduler_leases`` that the holder renews;
  a holder that stops renewing loses it once ``expires_at`` passes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from api.db.database import Database
from api.db.models import SchedulerLease

LOCK_NAME = "homeshore-scheduler"
Clock = Callable[[], datetime]


class LeaderLock(Protocol):
    def acquire(self) -> bool:
        """Take the lock if free (or already ours); True when this worker holds it."""

    def renew(self) -> bool:
        """Keep holding it; False when it was lost (the scheduler must stop at once)."""

    def release(self) -> None:
        """Give it up (idempotent)."""


class AdvisoryLock:
    """PostgreSQL: held as long as this object's connection lives."""

    def __init__(self, engine: Engine, name: str = LOCK_NAME) -> None:
        self._engine = engine
        self._name = name
        self._connection: Connection | None = None

    def _key_sql(self) -> str:
        return "hashtext(current_schema() || ':' || :name)"

    def acquire(self) -> bool:
        if self._connection is not None:
            return self.renew()
        connection = self._engine.connect()
        got = connection.execute(
            text(f"SELECT pg_try_advisory_lock({self._key_sql()})"), {"name": self._name}
        ).scalar_one()
        connection.commit()
        if not got:
            connection.close()
            return False
        self._connection = connection
        return True

    def renew(self) -> bool:
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1")).scalar_one()
            self._connection.commit()
        except DBAPIError:
            self._drop()
            return False
        return True

    def release(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.execute(
                text(f"SELECT pg_advisory_unlock({self._key_sql()})"), {"name": self._name}
            )
            self._connection.commit()
        except DBAPIError:
            pass
        self._drop()

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.invalidate()
            connection.close()


class LeaseLock:
    """SQLite: a row naming the holder and when its lease ends, renewed by the holder."""

    def __init__(
        self,
        database: Database,
        holder: str,
        lease_seconds: float,
        clock: Clock,
        name: str = LOCK_NAME,
    ) -> None:
        self._database = database
        self._holder = holder
        self._lease = timedelta(seconds=lease_seconds)
        self._clock = clock
        self._name = name

    def _claim(self, only_if_ours: bool) -> bool:
        now = self._clock()
        with self._database.session(write=True) as session:
            lease = session.get(SchedulerLease, self._name, with_for_update=True)
            if lease is None:
                if only_if_ours:
                    return False
                session.add(
                    SchedulerLease(
                        name=self._name, holder=self._holder, expires_at=now + self._lease
                    )
                )
                return True
            ours = lease.holder == self._holder
            if not ours and (only_if_ours or lease.expires_at > now):
                return False
            lease.holder = self._holder
            lease.expires_at = now + self._lease
            return True

    def acquire(self) -> bool:
        return self._claim(only_if_ours=False)

    def renew(self) -> bool:
        return self._claim(only_if_ours=True)

    def release(self) -> None:
        with self._database.session(write=True) as session:
            lease = session.get(SchedulerLease, self._name, with_for_update=True)
            if lease is not None and lease.holder == self._holder:
                session.delete(lease)


def leader_lock_for(
    database: Database, holder: str, lease_seconds: float, clock: Clock
) -> LeaderLock:
    """The advisory lock on PostgreSQL, the lease row elsewhere."""
    if database.engine.dialect.name == "postgresql":
        return AdvisoryLock(database.engine)
    return LeaseLock(database, holder, lease_seconds, clock)
