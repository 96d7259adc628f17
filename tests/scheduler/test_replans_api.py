"""``GET /periods/{id}/replans``: planners see each re-plan, its outcome and its changes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from api.db.database import Database
from api.replans.service import replan_period
from api.settings import Settings
from api.solves.execution import LocalExecution, SolveExecution
from tests.api.conftest import mint
from tests.scheduler.failing_solves import raise_in_worker
from tests.scheduler.seed import (
    BEFORE_START,
    MONDAY,
    TUESDAY,
    monday_worker,
    report_absence,
    seed_published,
)


def test_planners_read_re_plans_and_their_changes_over_http(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    absent = monday_worker(database, seeded.roster_id)
    absence_id = report_absence(database, absent, MONDAY, TUESDAY, BEFORE_START)
    outcome = replan_period(
        database, executor, job_settings, seeded.period_id, "absence", lambda: BEFORE_START
    )
    failing = LocalExecution(database, target=raise_in_worker)
    try:
        failed = replan_period(
            database, failing, job_settings, seeded.period_id, "manual", lambda: BEFORE_START
        )
    finally:
        failing.shutdown()
    app = create_app(job_settings, database)
    planner = TestClient(app, headers={"Authorization": f"Bearer {mint(database, 'planner')}"})
    agent = TestClient(app, headers={"Authorization": f"Bearer {mint(database, 'agent', 'a1')}"})

    response = planner.get(f"/api/v1/periods/{seeded.period_id}/replans")
    assert response.status_code == 200, response.text
    newest, oldest = response.json()
    assert (newest["trigger"], newest["status"], newest["roster_id"]) == ("manual", "failed", None)
    assert newest["error"] == failed.reason
    assert (oldest["trigger"], oldest["status"]) == ("absence", "finished")
    assert oldest["roster_id"] == outcome.roster_id
    assert oldest["base_roster_id"] == seeded.roster_id
    assert oldest["absence_ids"] == [absence_id]
    assert (oldest["coverage_before"], oldest["coverage_after"]) == (100.0, 100.0)
    assert newest["coverage_after"] is None
    assert [(c["agent_id"], c["kind"]) for c in oldest["changes"]] == [
        (c["agent_id"], c["kind"]) for c in outcome.changes
    ]
    assert agent.get(f"/api/v1/periods/{seeded.period_id}/replans").status_code == 403
    assert planner.get("/api/v1/periods/99999/replans").status_code == 404
    assert planner.get(f"/api/v1/periods/{seeded.period_id}/replans?limit=0").status_code == 422
