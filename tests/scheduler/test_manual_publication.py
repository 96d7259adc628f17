"""A manager who publishes a re-plan draft by hand gets what the scheduler's publication gives:
the absences it healed are marked healed, the outbox announces the changes, the audit names
the manager. (Before publish was written once, only the scheduler's did the first two.)"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from api.db.database import Database
from api.db.models import Absence, AuditEntry, OutboxMessage, RosterNotification
from api.replans.service import replan_period
from api.settings import Settings
from api.solves.execution import SolveExecution
from tests.api.conftest import mint
from tests.scheduler.seed import (
    BEFORE_START,
    MONDAY,
    TUESDAY,
    monday_worker,
    report_absence,
    seed_published,
)


def _drafted(database: Database, executor: SolveExecution, settings: Settings) -> tuple[int, int]:
    """A published week, an absence, and the re-plan's draft: (absence id, draft roster id)."""
    seeded = seed_published(database)
    absent = monday_worker(database, seeded.roster_id)
    absence_id = report_absence(database, absent, MONDAY, TUESDAY, BEFORE_START)
    outcome = replan_period(
        database, executor, settings, seeded.period_id, "absence", lambda: BEFORE_START
    )
    assert outcome.status == "drafted" and outcome.roster_id is not None, outcome
    assert outcome.changes, "the absent agent's Monday shift goes"
    return absence_id, outcome.roster_id


def _assert_published_like_the_scheduler(
    database: Database, absence_id: int, roster_id: int
) -> None:
    with database.session() as session:
        absence = session.get(Absence, absence_id)
        assert absence is not None and absence.healed_at is not None, "the absence is healed"
        assert session.get(RosterNotification, roster_id) is not None, "announced once"
        messages = session.scalars(
            select(OutboxMessage).where(OutboxMessage.roster_id == roster_id)
        ).all()
        assert messages, "the agents whose shifts changed are told"
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "publish").order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None and entry.actor_role == "manager"
        assert entry.detail["healed_absences"] == [absence_id]
        assert entry.detail["version"] == 2


@pytest.mark.slow
def test_a_re_plan_draft_published_through_the_api_heals_its_absences(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    absence_id, draft_id = _drafted(database, executor, job_settings)
    manager = TestClient(
        create_app(job_settings, database),
        headers={"Authorization": f"Bearer {mint(database, 'manager')}"},
    )
    response = manager.post(f"/api/v1/rosters/{draft_id}/publish")
    assert response.status_code == 200, response.text
    assert response.json()["version"] == 2
    _assert_published_like_the_scheduler(database, absence_id, draft_id)
    again = manager.post(f"/api/v1/rosters/{draft_id}/publish")
    assert again.status_code == 409


@pytest.mark.slow
def test_a_re_plan_draft_published_from_the_web_page_heals_its_absences(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    absence_id, draft_id = _drafted(database, executor, job_settings)
    browser = TestClient(create_app(job_settings, database), follow_redirects=False)
    login = browser.post("/login", data={"key": mint(database, "manager")})
    assert login.status_code == 303, login.text
    page = browser.get(f"/manage/solves/{_run_of(database, draft_id)}")
    assert page.status_code == 200, page.text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert token is not None
    response = browser.post(
        f"/manage/rosters/{draft_id}/publish", data={"csrf_token": token.group(1)}
    )
    assert response.status_code == 303, response.text
    _assert_published_like_the_scheduler(database, absence_id, draft_id)


def _run_of(database: Database, roster_id: int) -> int:
    from api.db.models import Roster

    with database.session() as session:
        roster = session.get(Roster, roster_id)
        assert roster is not None and roster.solve_run_id is not None
        return roster.solve_run_id
