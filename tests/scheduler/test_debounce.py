"""Absences reported close together give one re-plan job per period, hence one solve."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select

from api.db.database import Database
from api.db.models import Replan
from api.replans import due as replan_due
from api.settings import Settings
from api.solves.execution import SolveExecution
from scheduler import jobs
from scheduler.setup import build_scheduler
from tests.scheduler.clock import Clock
from tests.scheduler.seed import BEFORE_START, report_absence, seed_published

EVENING = datetime(2030, 1, 8, 17, 0, tzinfo=UTC)


@pytest.fixture
def paused_scheduler(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> Iterator[tuple[BackgroundScheduler, Clock]]:
    """A scheduler on the real job store that never fires by itself: the test runs jobs."""
    clock = Clock(BEFORE_START)
    scheduler = build_scheduler(database.engine, job_settings)
    scheduler.start(paused=True)
    jobs.install(jobs.JobContext(database, job_settings, executor, clock, scheduler))
    try:
        yield scheduler, clock
    finally:
        jobs.install(None)
        scheduler.shutdown(wait=False)


def _replans(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(Replan)) or 0)


def test_ten_absences_in_a_minute_give_one_job_and_one_solve(
    database: Database, paused_scheduler: tuple[BackgroundScheduler, Clock]
) -> None:
    scheduler, clock = paused_scheduler
    seeded = seed_published(database)
    for i in range(10):
        clock.now = BEFORE_START + timedelta(seconds=6 * i)
        start = EVENING + timedelta(minutes=30 * (i // 5))
        report_absence(database, f"a{i % 5 + 1}", start, start + timedelta(minutes=30), clock.now)
        assert jobs.absence_watch_job() == 1
        queued = scheduler.get_jobs()
        assert [j.id for j in queued] == [jobs.absence_job_id(seeded.period_id)]
        assert queued[0].next_run_time == clock.now + timedelta(seconds=60), "debounced"

    job = scheduler.get_jobs()[0]
    clock.now = job.next_run_time
    outcome = job.func(*job.args)
    assert outcome is not None and outcome.status == "drafted"
    assert _replans(database) == 1
    scheduler.remove_job(job.id)

    clock.advance(3600)
    assert jobs.absence_watch_job() == 0, "absences taken into account are not re-planned"
    assert scheduler.get_jobs() == []
    assert _replans(database) == 1


def test_a_worker_back_after_hours_re_plans_now_rather_than_dropping_a_misfire(
    database: Database, paused_scheduler: tuple[BackgroundScheduler, Clock]
) -> None:
    scheduler, clock = paused_scheduler
    seeded = seed_published(database)
    report_absence(database, "a1", EVENING, EVENING + timedelta(hours=1), clock.now)
    clock.advance(8 * 3600)
    assert jobs.absence_watch_job() == 1
    (job,) = scheduler.get_jobs()
    assert job.id == jobs.absence_job_id(seeded.period_id)
    assert job.next_run_time == clock.now
    assert job.executor == jobs.REPLANS_EXECUTOR


def test_a_stream_of_absences_is_re_planned_after_the_maximum_delay(
    database: Database, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    for i in range(10):
        start = EVENING + timedelta(minutes=10 * i)
        at = BEFORE_START + timedelta(seconds=50 * i)
        report_absence(database, "a1", start, start + timedelta(minutes=10), at)
    with database.session() as session:
        due = replan_due.absence_replans_due(
            session, BEFORE_START + timedelta(hours=1), job_settings
        )
    assert [(d.period_id, len(d.absence_ids)) for d in due] == [(seeded.period_id, 10)]
    assert due[0].run_at == BEFORE_START + timedelta(seconds=300), "not postponed for ever"


def test_absences_in_the_past_or_outside_published_periods_wait_for_nothing(
    database: Database, job_settings: Settings
) -> None:
    seed_published(database)
    report_absence(database, "a1", BEFORE_START - timedelta(days=2), BEFORE_START, BEFORE_START)
    report_absence(
        database, "a2", EVENING + timedelta(days=5), EVENING + timedelta(days=6), BEFORE_START
    )
    with database.session() as session:
        assert replan_due.absence_replans_due(session, BEFORE_START, job_settings) == []
