"""The run row as the idempotency key of solve workers, and cancelling a solve.

``claim`` is what a worker does with every message it receives (a first delivery, a
redelivery after a worker died, a duplicate): these tests drive it on the real database
with the clock as an argument, so a lease expiring takes no waiting.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from api.auth.keys import Principal
from api.db.base import utc_now
from api.db.database import Database
from api.db.models import SolveRun
from api.errors import Conflict
from api.solves import service
from solver.result import SolveSettings

MANAGER = Principal(key_id=None, role="manager")
TAKEOVER = 30.0


def _queued(database: Database, period_id: int) -> int:
    with database.session(write=True) as session:
        return service.new_run(session, period_id, {}, SolveSettings()).id


def _claim(database: Database, run_id: int, worker: str, later: float = 0.0) -> str:
    now = utc_now() + timedelta(seconds=later)
    with database.session(write=True) as session:
        return service.claim(session, run_id, worker, now, TAKEOVER, max_attempts=2)


def _run(database: Database, run_id: int) -> SolveRun:
    with database.session() as session:
        run = session.get(SolveRun, run_id)
        assert run is not None
        session.expunge(run)
        return run


def test_one_worker_wins_a_run_and_a_second_delivery_waits_for_it(
    database: Database, period_id: int
) -> None:
    run_id = _queued(database, period_id)
    assert _claim(database, run_id, "w1") == "claimed"
    assert _claim(database, run_id, "w2") == "busy"
    run = _run(database, run_id)
    assert (run.status, run.attempts, run.claimed_by) == ("running", 1, "w1")


def test_a_redelivered_task_for_an_ended_run_does_nothing(
    database: Database, period_id: int
) -> None:
    run_id = _queued(database, period_id)
    assert _claim(database, run_id, "w1") == "claimed"
    with database.session(write=True) as session:
        service.record_failure(session, run_id, "the solver raised ValueError: x")
    assert _claim(database, run_id, "w2", later=3600) == "ended"
    run = _run(database, run_id)
    assert (run.status, run.attempts, run.claimed_by) == ("failed", 1, "w1")
    assert _claim(database, 999_999, "w2") == "ended"


def test_a_dead_workers_run_is_taken_over_then_failed_after_the_last_attempt(
    database: Database, period_id: int
) -> None:
    run_id = _queued(database, period_id)
    assert _claim(database, run_id, "w1") == "claimed"
    # w1 died: no heartbeat for longer than the takeover delay.
    assert _claim(database, run_id, "w2", later=TAKEOVER + 1) == "claimed"
    assert (_run(database, run_id).attempts, _run(database, run_id).claimed_by) == (2, "w2")
    assert _claim(database, run_id, "w3", later=TAKEOVER * 2 + 2) == "exhausted"
    run = _run(database, run_id)
    assert run.status == "failed" and run.finished_at is not None
    assert run.error is not None and "stopped 2 times" in run.error and "w2" in run.error
    assert _claim(database, run_id, "w4", later=TAKEOVER * 3) == "ended"


def test_with_workers_a_queued_run_waits_in_the_broker_not_swept_by_its_heartbeat(
    database: Database, period_id: int
) -> None:
    waiting, claimed = _queued(database, period_id), _queued(database, period_id)
    assert _claim(database, claimed, "w1") == "claimed"
    later = utc_now() + timedelta(hours=1)
    with database.session(write=True) as session:
        failed = service.fail_abandoned_runs(session, later, 60, queued_too=False)
    assert failed == [claimed]
    assert _run(database, waiting).status == "queued"


def test_cancelling_marks_the_run_and_a_worker_receiving_it_later_does_nothing(
    database: Database, period_id: int
) -> None:
    run_id = _queued(database, period_id)
    with database.session(write=True) as session:
        service.cancel(session, MANAGER, run_id)
    run = _run(database, run_id)
    assert (run.status, run.error) == ("cancelled", "cancelled by manager")
    assert _claim(database, run_id, "w1") == "ended"
    with database.session(write=True) as session, pytest.raises(Conflict):
        service.cancel(session, MANAGER, run_id)


def test_cancel_over_http_names_the_field_and_refuses_an_ended_run(
    manager: TestClient, planner: TestClient, database: Database, period_id: int
) -> None:
    run_id = _queued(database, period_id)
    assert planner.post(f"/api/v1/solves/{run_id}/cancel").status_code == 403
    answer = manager.post(f"/api/v1/solves/{run_id}/cancel")
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "cancelled"
    again = manager.post(f"/api/v1/solves/{run_id}/cancel")
    assert again.status_code == 409
    assert again.json()["detail"][0]["field"] == "status"
    assert manager.post("/api/v1/solves/999999/cancel").status_code == 404
    assert manager.get(f"/api/v1/solves/{run_id}").json()["status"] == "cancelled"
