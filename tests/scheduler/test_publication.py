"""Publication at the cut-off: the newest verified re-plan draft on the current version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from api.db.database import Database
from api.db.models import Absence, OutboxMessage, Roster
from api.replans import due as replan_due
from api.replans.service import replan_period
from api.rosters import publication
from api.settings import Settings
from api.solves.execution import SolveExecution
from tests.scheduler.seed import BEFORE_START, report_absence, seed_published, shift_keys

PERIOD_START = datetime(2030, 1, 6, 23, 0, tzinfo=UTC)  # Monday 00:00 in Paris
MONDAY_MORNING = datetime(2030, 1, 7, 7, 0, tzinfo=UTC)


def _messages(database: Database, roster_id: int) -> list[tuple[str, str]]:
    with database.session() as session:
        query = select(OutboxMessage).where(OutboxMessage.roster_id == roster_id)
        return sorted((m.agent_id, m.kind) for m in session.scalars(query))


def test_a_re_plan_draft_is_published_at_the_cut_off_heals_and_notifies(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    v1 = shift_keys(database, seeded.roster_id)
    absent = sorted(v1, key=lambda k: (k[1], k[0]))[0][0]
    absence_id = report_absence(
        database, absent, MONDAY_MORNING, MONDAY_MORNING + timedelta(hours=12), BEFORE_START
    )
    outcome = replan_period(
        database, executor, job_settings, seeded.period_id, "absence", lambda: BEFORE_START
    )
    assert outcome.status == "drafted" and outcome.roster_id is not None

    with database.session(write=True) as session:
        too_early = PERIOD_START - timedelta(hours=48, seconds=1)
        assert publication.publish_due(session, too_early, job_settings.publish_cutoff_hours) == []
    with database.session(write=True) as session:
        at_cutoff = PERIOD_START - timedelta(hours=48)
        published = publication.publish_due(session, at_cutoff, 48)
        assert [(r.id, r.version) for r in published] == [(outcome.roster_id, 2)]
    with database.session(write=True) as session:
        assert publication.publish_due(session, at_cutoff, 48) == [], "published once"
        absence = session.get(Absence, absence_id)
        assert absence is not None and absence.healed_at == at_cutoff
        assert replan_due.absence_replans_due(session, at_cutoff, job_settings) == []

    assert _messages(database, seeded.roster_id) == sorted((k[0], "shift_added") for k in v1)
    expected = sorted((c["agent_id"], "shift_" + c["kind"]) for c in outcome.changes)
    assert _messages(database, outcome.roster_id) == expected
    assert (absent, "shift_removed") in expected
    assert shift_keys(database, seeded.roster_id) == v1


def test_stale_and_unverified_drafts_are_not_published(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    report_absence(
        database, "a1", MONDAY_MORNING, MONDAY_MORNING + timedelta(hours=12), BEFORE_START
    )
    drafts = [
        replan_period(
            database, executor, job_settings, seeded.period_id, "manual", lambda: BEFORE_START
        ).roster_id
        for _ in range(2)
    ]
    assert None not in drafts
    with database.session(write=True) as session:
        newest = session.get(Roster, drafts[1])
        assert newest is not None
        newest.verified_ok = False
    with database.session(write=True) as session:
        published = publication.publish_due(session, PERIOD_START, 48)
        assert [r.id for r in published] == [drafts[0]], "the newest verified draft"
    with database.session(write=True) as session:
        newest = session.get(Roster, drafts[1])
        assert newest is not None
        newest.kpis = {**newest.kpis, "ok": True}
    with database.session(write=True) as session:
        assert publication.publish_due(session, PERIOD_START, 48) == [], (
            "a draft re-planned from v1 would undo v2"
        )
