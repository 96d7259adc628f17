"""Solves run in another process; the API keeps answering; results are stored and verified."""

from __future__ import annotations

import httpx

from api.db.database import Database
from tests.api.conftest import mint
from tests.api.story import offer, set_up_small_site, wait_for_run

QUICK = {"time_limit_seconds": 10, "num_workers": 1}


def _client(base_url: str, database: Database, role: str, agent: str | None = None) -> httpx.Client:
    secret = mint(database, role, agent)
    return httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {secret}"}, timeout=60
    )


def test_a_solve_returns_at_once_and_stores_a_verified_roster(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager = _client(base_url, database, "manager")
    period_id = set_up_small_site(manager)
    offer(_client(base_url, database, "agent", "a1"), period_id, "a1", "08:00", "14:00")
    offer(_client(base_url, database, "agent", "a2"), period_id, "a2", "08:00", "14:00")

    started = manager.post(f"/api/v1/periods/{period_id}/solves", json=QUICK)
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "queued"
    offer(_client(base_url, database, "agent", "a2"), period_id, "a2", "18:00", "19:00")
    run = wait_for_run(manager, started.json()["id"])

    assert run["status"] == "finished", run
    assert run["solver_status"] in ("optimal", "feasible")
    assert run["progress"], "progress points were recorded"
    assert run["kpis"]["ok"] is True
    assert run["kpis"]["coverage_percent"] == 100.0
    roster = manager.get(f"/api/v1/rosters/{run['roster_id']}").json()
    assert roster["version"] is None
    assert {s["agent_id"] for s in roster["shifts"]} <= {"a1", "a2"}
    snapshot = manager.get(f"/api/v1/solves/{run['id']}/problem.json").json()
    assert [a["id"] for a in snapshot["agents"]] == ["a1", "a2"]
    assert len(snapshot["agents"][1]["availability"]) == 1, "the solve kept its snapshot"
    stored = manager.get(f"/api/v1/periods/{period_id}/availability/a2").json()["windows"]
    assert len(stored) == 2, "the submission made during the solve was kept"


def test_a_period_whose_inputs_are_invalid_is_refused_before_solving(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager = _client(base_url, database, "manager")
    period_id = set_up_small_site(manager)
    rules = manager.get("/api/v1/sites/paris/rules").json()
    response = manager.post(
        f"/api/v1/periods/{period_id}/solves", json={**QUICK, "time_limit_seconds": 100_000}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "time_limit_seconds"
    assert rules["min_shift_minutes"] == 120
