"""Open shifts nobody picked up by the policy's deadline are closed and their hours
re-planned: a real database, a real (small) solve through the one execution path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from api.auth.keys import Principal
from api.db.database import Database
from api.db.models import AuditEntry, OpenShift, PlanningPeriod, Roster
from api.requests import deadline, service
from api.requests.policies import Policy
from api.requests.schemas import TimeOffCreate
from api.settings import Settings
from api.solves.execution import SolveExecution
from scheduler import jobs
from tests.scheduler.seed import MANAGER, MONDAY, TUESDAY, monday_worker, seed_published

ASKED = datetime(2030, 1, 3, 12, tzinfo=UTC)
MONDAY_SHIFTS_START = MONDAY.replace(hour=8).astimezone(UTC)


def _open_shifts(database: Database) -> list[tuple[datetime, str]]:
    with database.session() as session:
        return [
            (o.start, o.status) for o in session.scalars(select(OpenShift).order_by(OpenShift.id))
        ]


def _unmet(database: Database, roster_id: int | None) -> int:
    """Agents missing over the week in a roster's figures (None: the newest published)."""
    with database.session() as session:
        if roster_id is None:
            query = select(Roster).where(Roster.version.is_not(None))
            roster = session.scalars(query.order_by(Roster.version.desc())).first()
        else:
            roster = session.get(Roster, roster_id)
        assert roster is not None
        return sum(sum(q["unmet"]) for q in roster.kpis["queues"].values())


def test_a_freed_shift_nobody_took_is_replanned_after_the_deadline_and_closed(
    database: Database,
    executor: SolveExecution,
    job_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    seeded = seed_published(database)
    absent = monday_worker(database, seeded.roster_id)
    with database.session(write=True) as session:
        period = session.get(PlanningPeriod, seeded.period_id)
        assert period is not None
        site_id = period.site_id
        service.replace_policy(
            session,
            MANAGER,
            site_id,
            Policy(min_coverage_ratio=0, open_shift_deadline_hours=24),
            ASKED,
        )
        asked = service.ask_time_off(
            session,
            Principal(None, "agent", absent),
            absent,
            TimeOffCreate(start=MONDAY, end=TUESDAY),
            ASKED,
        )
    assert asked.status == "approved", asked.decision
    [(freed_start, status)] = _open_shifts(database)
    assert status == "open"
    # the freed shift starts when the seeded solve put it (08:00 or later on Monday): the
    # deadline (24 h before its start) is judged from that start, not from 08:00
    freed_start = freed_start if freed_start.tzinfo else freed_start.replace(tzinfo=UTC)
    assert freed_start >= MONDAY_SHIFTS_START

    early = freed_start - timedelta(hours=30)
    assert deadline.replan_unpicked(database, executor, job_settings, lambda: early) == []
    assert [status for _start, status in _open_shifts(database)] == ["open"], "still offered"

    late = freed_start - timedelta(hours=20)
    jobs.install(jobs.JobContext(database, job_settings, executor, lambda: late))
    try:
        outcomes = jobs.open_shift_deadline_job()
    finally:
        jobs.install(None)
    # the job logs and swallows a failure: show it (seen once on PostgreSQL, not reproduced)
    assert len(outcomes) == 1, caplog.text
    [outcome] = outcomes
    assert outcome.status == "drafted", outcome
    assert [status for _start, status in _open_shifts(database)] == ["replanned"]
    assert _unmet(database, None) > 0, "the published version leaves the freed hours unmet"
    assert outcome.roster_id is not None
    assert _unmet(database, outcome.roster_id) == 0, "the draft covers the freed Monday"
    assert {c["agent_id"] for c in outcome.changes} - {absent}, "a colleague takes the hours"
    assert not [c for c in outcome.changes if c["agent_id"] == absent], "the absent one stays off"
    with database.session() as session:
        trail = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "open_shifts", AuditEntry.action == "replan"
            )
        ).all()
        assert [(e.actor_role, e.detail["run_id"]) for e in trail] == [
            ("scheduler", outcome.run_id)
        ]
    assert deadline.replan_unpicked(database, executor, job_settings, lambda: late) == [], (
        "a closed shift is re-planned once"
    )
