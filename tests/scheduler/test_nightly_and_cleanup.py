"""The nightly job re-plans only periods whose inputs changed; clean-up keeps history."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from api.db.database import Database
from api.db.models import AvailabilityWindow, Replan, Roster, SolveRun
from api.replans import due as replan_due
from api.settings import Settings
from api.solves import service as solves_service
from api.solves.execution import SolveExecution
from scheduler import jobs
from tests.scheduler.clock import Clock
from tests.scheduler.seed import BEFORE_START, seed_published


def test_nightly_re_plans_a_period_only_after_its_inputs_changed(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    clock = Clock(BEFORE_START)
    jobs.install(jobs.JobContext(database, job_settings, executor, clock))
    try:
        assert jobs.nightly_replan_job() == [], "nothing changed since the published solve"
        with database.session(write=True) as session:
            session.add(
                AvailabilityWindow(
                    period_id=seeded.period_id,
                    agent_id="a1",
                    start=datetime(2030, 1, 8, 20, 0),
                    end=datetime(2030, 1, 8, 21, 0),
                    preferred=True,
                )
            )
        clock.advance(86_400 / 2)
        assert jobs.nightly_replan_job() == [seeded.period_id]
        with database.session() as session:
            replan = session.scalars(select(Replan)).one()
            assert replan.trigger == "nightly"
        clock.advance(3600)
        assert jobs.nightly_replan_job() == [], "the draft already holds these inputs"
    finally:
        jobs.install(None)


def test_nightly_ignores_periods_over_or_beyond_the_horizon(
    database: Database, job_settings: Settings
) -> None:
    seed_published(database)
    with database.session() as session:
        after_end = BEFORE_START + timedelta(days=3)
        assert replan_due.nightly_replans_due(session, after_end, job_settings) == []
        far_before = BEFORE_START - timedelta(days=job_settings.replan_horizon_days + 1)
        assert replan_due.nightly_replans_due(session, far_before, job_settings) == []


def test_cleanup_deletes_old_unpublished_runs_and_keeps_published_history(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    from api.replans.service import replan_period

    drafted = replan_period(
        database, executor, job_settings, seeded.period_id, "manual", lambda: BEFORE_START
    )
    assert drafted.roster_id is not None
    with database.session(write=True) as session:
        assert solves_service.delete_old_runs(session, BEFORE_START + timedelta(days=29), 30) == 0
    with database.session(write=True) as session:
        assert solves_service.delete_old_runs(session, BEFORE_START + timedelta(days=31), 30) == 1
    with database.session() as session:
        assert session.scalars(select(Roster.id)).all() == [seeded.roster_id]
        assert len(session.scalars(select(SolveRun.id)).all()) == 1
        assert session.scalars(select(Replan.id)).all() == []
