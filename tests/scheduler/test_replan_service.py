"""Re-planning heals the published roster into a draft; failures leave it untouched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from api.db.database import Database
from api.db.models import Replan, Roster, SolveRun
from api.replans import due as replan_due
from api.replans.service import replan_period
from api.settings import Settings
from api.solves.execution import LocalExecution, SolveExecution
from tests.scheduler.failing_solves import die_in_worker, hang_in_worker, raise_in_worker
from tests.scheduler.seed import (
    BEFORE_START,
    MONDAY,
    TUESDAY,
    monday_worker,
    report_absence,
    seed_published,
    shift_keys,
)


def _rosters(database: Database, period_id: int) -> list[Roster]:
    with database.session() as session:
        return list(session.scalars(select(Roster).where(Roster.period_id == period_id)))


def test_an_absent_day_is_healed_changing_one_other_agent_on_that_day_only(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    published = shift_keys(database, seeded.roster_id)
    absent = monday_worker(database, seeded.roster_id)
    report_absence(database, absent, MONDAY, TUESDAY, BEFORE_START)

    outcome = replan_period(
        database, executor, job_settings, seeded.period_id, "absence", lambda: BEFORE_START
    )

    assert outcome.status == "drafted", outcome
    assert shift_keys(database, seeded.roster_id) == published, "the published roster is untouched"
    assert outcome.roster_id is not None
    draft = shift_keys(database, outcome.roster_id)
    assert not [k for k in draft if k[0] == absent and k[1] < TUESDAY], "absent agent kept off"
    tuesday = {k for k in published if k[1] >= TUESDAY}
    assert {k for k in draft if k[1] >= TUESDAY} == tuesday, "the other day is not touched"
    others = {c["agent_id"] for c in outcome.changes} - {absent}
    assert len(others) == 1, outcome.changes
    for change in outcome.changes:
        for span in (change["before"], change["after"]):
            if span is not None:
                assert datetime.fromisoformat(span["start"]) < TUESDAY
    assert {c["kind"] for c in outcome.changes if c["agent_id"] == absent} == {"removed"}
    rosters = {r.id: r for r in _rosters(database, seeded.period_id)}
    assert rosters[outcome.roster_id].version is None, "a re-plan is a draft"
    assert rosters[outcome.roster_id].kpis["ok"] is True
    assert rosters[outcome.roster_id].kpis["coverage_percent"] == 100.0
    with database.session() as session:
        replan = session.scalars(select(Replan)).one()
        assert replan.changes == outcome.changes
        assert replan.coverage_before == replan.coverage_after == 100.0
        assert replan.base_roster_id == seeded.roster_id


def test_a_solve_that_raises_fails_the_run_keeps_the_roster_and_is_retried_later(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    published = shift_keys(database, seeded.roster_id)
    absent = monday_worker(database, seeded.roster_id)
    absence_id = report_absence(database, absent, MONDAY, TUESDAY, BEFORE_START)
    crashing = LocalExecution(database, target=raise_in_worker)
    try:
        outcome = replan_period(
            database, crashing, job_settings, seeded.period_id, "absence", lambda: BEFORE_START
        )
    finally:
        crashing.shutdown()

    assert outcome.status == "failed"
    assert "RuntimeError" in outcome.reason and "on purpose" in outcome.reason
    with database.session() as session:
        run = session.get(SolveRun, outcome.run_id)
        assert run is not None and run.status == "failed" and run.error == outcome.reason
        later = BEFORE_START + timedelta(minutes=1)
        due = replan_due.absence_replans_due(session, later, job_settings)
    assert [d.absence_ids for d in due] == [(absence_id,)], "the absence still waits"
    assert due[0].run_at == run.finished_at + timedelta(seconds=job_settings.replan_retry_seconds)
    assert [r.id for r in _rosters(database, seeded.period_id)] == [seeded.roster_id]
    assert shift_keys(database, seeded.roster_id) == published

    retried = replan_period(
        database, executor, job_settings, seeded.period_id, "absence", lambda: due[0].run_at
    )
    assert retried.status == "drafted"
    assert shift_keys(database, seeded.roster_id) == published
    with database.session() as session:
        assert replan_due.absence_replans_due(session, due[0].run_at, job_settings) == []


def test_a_killed_solver_process_fails_the_run_and_the_next_run_gets_a_fresh_process(
    database: Database, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    dying = LocalExecution(database, target=die_in_worker)
    try:
        first = replan_period(
            database, dying, job_settings, seeded.period_id, "manual", lambda: BEFORE_START
        )
        second = replan_period(
            database, dying, job_settings, seeded.period_id, "manual", lambda: BEFORE_START
        )
    finally:
        dying.shutdown()
    for outcome in (first, second):
        assert outcome.status == "failed"
        assert outcome.reason.startswith("the solver process died")
    with database.session() as session:
        statuses = session.scalars(select(SolveRun.status).order_by(SolveRun.id)).all()
    assert statuses == ["finished", "failed", "failed"]
    assert [r.version for r in _rosters(database, seeded.period_id)] == [1]


def test_a_solve_past_its_time_limit_and_grace_is_killed(
    database: Database, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    impatient = job_settings.model_copy(
        update={"replan_time_limit_seconds": 0.2, "replan_grace_seconds": 0.3}
    )
    hanging = LocalExecution(database, grace_seconds=0.3, target=hang_in_worker)
    try:
        outcome = replan_period(
            database, hanging, impatient, seeded.period_id, "manual", lambda: BEFORE_START
        )
    finally:
        hanging.shutdown()
    assert outcome.status == "failed"
    assert outcome.reason.startswith("killed: no result 0.5 s after start")
    assert [r.version for r in _rosters(database, seeded.period_id)] == [1]


def test_a_period_never_published_is_skipped(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    from api.imports.service import import_problem
    from tests.scheduler.seed import small_problem

    with database.session(write=True) as session:
        import_problem(session, small_problem())
    outcome = replan_period(
        database, executor, job_settings, 1, "manual", lambda: datetime.now(UTC)
    )
    assert outcome.status == "skipped"
    assert "no published roster" in outcome.reason
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(SolveRun)) == 0


def test_a_re_plan_whose_process_is_alive_is_left_alone_and_a_dead_one_is_failed(
    database: Database, job_settings: Settings
) -> None:
    """A server starting up and a second re-plan of the period both judge a queued re-plan by
    its heartbeat: fresh, it is left to run (the re-plan is skipped); stale, it is failed."""
    from api.replans.service import PreparedReplan, prepare
    from api.solves.service import fail_abandoned_runs

    seeded = seed_published(database)
    with database.session(write=True) as session:
        prepared = prepare(session, seeded.period_id, "manual", BEFORE_START, job_settings)
        assert isinstance(prepared, PreparedReplan)
    lease = job_settings.run_lease_seconds
    with database.session(write=True) as session:
        assert fail_abandoned_runs(session, datetime.now(UTC), lease) == []
        again = prepare(session, seeded.period_id, "manual", BEFORE_START, job_settings)
        assert not isinstance(again, PreparedReplan) and again.status == "skipped"
        assert f"run {prepared.run_id} is still running" in again.reason
    with database.session(write=True) as session:
        run = session.get(SolveRun, prepared.run_id)
        assert run is not None
        run.heartbeat_at = datetime.now(UTC) - timedelta(seconds=lease + 1)
    with database.session(write=True) as session:
        assert isinstance(
            prepare(session, seeded.period_id, "manual", BEFORE_START, job_settings),
            PreparedReplan,
        )
        old = session.get(SolveRun, prepared.run_id)
        assert old is not None and old.status == "failed"
        assert old.error is not None and old.error.startswith("interrupted:")
        assert old.finished_at is None, "nobody saw it end: no retry delay follows"
