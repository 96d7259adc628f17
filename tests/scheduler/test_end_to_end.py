"""The whole chain on a running scheduler, in real (short) time: an absence reported over
HTTP is re-planned after the debounce, published at the cut-off, and announced to the
webhook, by one worker's jobs, with no test code calling a job."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.db.base import utc_now
from api.db.database import Database
from api.db.models import Replan, Roster
from api.settings import Settings
from api.solves.execution import LocalExecution
from scheduler.leadership import leader_lock_for
from scheduler.worker import SchedulerWorker
from tests.api.conftest import mint
from tests.scheduler.conftest import Receiver
from tests.scheduler.seed import seed_published, shift_keys, small_problem

PARIS = ZoneInfo("Europe/Paris")


def _published_versions(database: Database, period_id: int) -> list[int]:
    with database.session() as session:
        query = select(Roster.version).where(
            Roster.period_id == period_id, Roster.version.is_not(None)
        )
        return sorted(v for v in session.scalars(query) if v is not None)


@pytest.mark.slow
def test_an_absence_reported_over_http_is_healed_published_and_announced(
    live: tuple[str, Database],
    job_settings: Settings,
    receiver_server: tuple[str, Receiver],
) -> None:
    _url, database = live
    hook, receiver = receiver_server
    receiver.failures = 0
    first_day = date.today() + timedelta(days=2)
    seeded = seed_published(database, small_problem(first_day=first_day))
    settings = job_settings.model_copy(
        update={
            "absence_watch_seconds": 0.3,
            "replan_debounce_seconds": 0.5,
            "publish_check_seconds": 0.5,
            "outbox_send_seconds": 0.5,
            "publish_cutoff_hours": 24 * 7,
            "webhook_url": hook,
        }
    )
    absent = sorted(shift_keys(database, seeded.roster_id), key=lambda k: (k[1], k[0]))[0][0]
    day_start = datetime.combine(first_day, clock_time(0), tzinfo=PARIS)
    worker = SchedulerWorker(
        database,
        settings,
        leader_lock_for(database, "e2e", settings.scheduler_lease_seconds, utc_now),
        LocalExecution(database),
        utc_now,
        name="e2e",
    )
    try:
        assert worker.step() is True
        planner = TestClient(
            create_app(settings, database),
            headers={"Authorization": f"Bearer {mint(database, 'planner')}"},
        )
        response = planner.post(
            "/api/v1/absences",
            json={
                "agent_id": absent,
                "start": day_start.isoformat(),
                "end": (day_start + timedelta(days=1)).isoformat(),
                "reason": "sick child",
            },
        )
        assert response.status_code == 201, response.text
        for _ in range(600):  # bounded: 60 s at most
            removed = [
                b for b in receiver.accepted if b["kind"] == "shift_removed" and b["version"] == 2
            ]
            if removed:
                break
            time.sleep(0.1)
        assert [b["agent_id"] for b in removed] == [absent]
        assert _published_versions(database, seeded.period_id) == [1, 2]
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(Replan)) == 1
        absence = planner.get(f"/api/v1/absences/{response.json()['id']}").json()
        assert absence["healed_at"] is not None
        assert datetime.fromisoformat(absence["healed_at"]) <= datetime.now(UTC)
    finally:
        worker.close()
