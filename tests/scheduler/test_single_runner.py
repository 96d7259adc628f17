"""Exactly one worker runs the scheduler: the others stand by until the lock is free."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from api.db.base import utc_now
from api.db.database import Database
from api.db.engine import make_engine
from api.settings import Settings
from api.solves.execution import LocalExecution
from scheduler.leadership import LOCK_NAME, AdvisoryLock, LeaseLock, leader_lock_for
from scheduler.setup import (
    ABSENCE_WATCH,
    CLEANUP,
    NIGHTLY_REPLAN,
    OPEN_SHIFT_DEADLINE,
    OUTBOX,
    PUBLICATION,
)
from scheduler.worker import SchedulerWorker
from tests.scheduler.clock import Clock
from tests.scheduler.probe_jobs import probe_job, probe_runs


@pytest.fixture
def second_database(live: tuple[str, Database]) -> Iterator[Database]:
    """The same database through another engine, as a second worker process would have."""
    engine = make_engine(live[0])
    yield Database(engine)
    engine.dispose()


def _worker(database: Database, settings: Settings, name: str) -> SchedulerWorker:
    lock = leader_lock_for(database, name, settings.scheduler_lease_seconds, utc_now)
    return SchedulerWorker(database, settings, lock, LocalExecution(database), utc_now, name=name)


def _wait_for_runs(database: Database, label: str, others: list[SchedulerWorker]) -> int:
    """Poll (bounded) until the probe ran, beating the stand-by workers meanwhile."""
    for _ in range(200):
        for worker in others:
            assert worker.step() is False, f"{worker.name} must stay a stand-by"
        if probe_runs(database, label):
            break
        time.sleep(0.05)
    for _ in range(10):  # a second run, if any, would show up now
        for worker in others:
            assert worker.step() is False
        time.sleep(0.05)
    return probe_runs(database, label)


def test_two_workers_run_each_job_once_and_the_stand_by_takes_over(
    database: Database, second_database: Database, job_settings: Settings
) -> None:
    first = _worker(database, job_settings, "first")
    second = _worker(second_database, job_settings, "second")
    try:
        assert first.step() is True
        assert second.step() is False
        assert second.scheduler is None
        assert first.scheduler is not None
        ids = sorted(j.id for j in first.scheduler.get_jobs())
        assert ids == sorted(
            [ABSENCE_WATCH, CLEANUP, NIGHTLY_REPLAN, OPEN_SHIFT_DEADLINE, OUTBOX, PUBLICATION]
        )

        first.scheduler.add_job(
            probe_job,
            "date",
            run_date=utc_now(),
            args=["one"],
            id="probe-one",
            replace_existing=True,
        )
        assert _wait_for_runs(database, "one", [second]) == 1

        first.close()
        assert second.step() is True, "the stand-by takes over once the lock is released"
        assert second.scheduler is not None
        assert sorted(j.id for j in second.scheduler.get_jobs()) == ids, "same jobs, no copies"
        second.scheduler.add_job(
            probe_job,
            "date",
            run_date=utc_now(),
            args=["two"],
            id="probe-two",
            replace_existing=True,
        )
        assert _wait_for_runs(database, "two", [_worker(database, job_settings, "third")]) == 1
        assert probe_runs(database, "one") == 1
    finally:
        first.close()
        second.close()


def test_a_sqlite_lease_passes_on_only_after_it_expires(
    database: Database, job_settings: Settings
) -> None:
    if database.engine.dialect.name != "sqlite":
        pytest.skip("the lease row is the SQLite lock; PostgreSQL uses an advisory lock")
    clock = Clock(datetime(2030, 1, 1, tzinfo=UTC))
    holder = LeaseLock(database, "holder", 30, clock)
    other = LeaseLock(database, "other", 30, clock)
    assert holder.acquire()
    clock.advance(29)
    assert not other.acquire()
    assert holder.renew(), "renewing pushes the expiry on"
    clock.advance(29)
    assert not other.acquire()
    clock.advance(31)
    assert other.acquire(), "a holder that stopped renewing loses the lease"
    assert not holder.renew()
    holder.release()
    assert other.renew(), "releasing a lease one does not hold changes nothing"


def test_a_worker_that_loses_its_lease_stops_its_scheduler(
    database: Database, job_settings: Settings
) -> None:
    if database.engine.dialect.name != "sqlite":
        pytest.skip("lease expiry is the SQLite lock")
    clock = Clock(utc_now())
    lease = job_settings.scheduler_lease_seconds
    worker = SchedulerWorker(
        database,
        job_settings,
        LeaseLock(database, "w", lease, clock),
        LocalExecution(database),
        clock,
    )
    usurper = LeaseLock(database, "usurper", lease, clock)
    try:
        assert worker.step() is True
        clock.advance(lease + 1)
        assert usurper.acquire()
        assert worker.step() is False
        assert worker.scheduler is None
    finally:
        worker.close()


def test_a_postgresql_advisory_lock_is_freed_when_its_holder_disconnects(
    database: Database, second_database: Database
) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's")
    holder = AdvisoryLock(database.engine)
    other = AdvisoryLock(second_database.engine)
    try:
        assert holder.acquire()
        assert not other.acquire()
        with second_database.engine.begin() as connection:
            killed = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND granted "
                    "AND pid <> pg_backend_pid()"
                    " AND objid::text::bigint = "
                    "(hashtext(current_schema() || :suffix)::bigint & 4294967295)"
                ),
                {"suffix": ":" + LOCK_NAME},
            ).scalar_one()
        assert killed == 1, "the holder's connection (a dead worker) is gone"
        assert not holder.renew(), "the holder notices it lost the lock"
        assert other.acquire()
    finally:
        holder.release()
        other.release()
