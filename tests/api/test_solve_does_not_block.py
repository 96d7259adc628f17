"""A long solve runs in another process: the API keeps answering meanwhile."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from api.db.database import Database
from api.imports.service import import_problem
from solver.problem import Problem
from tests.api.conftest import mint

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo-week" / "problem.json"


@pytest.mark.slow
def test_requests_are_answered_while_a_solve_runs(live_server: tuple[str, Database]) -> None:
    if not DEMO.is_file():
        pytest.skip(f"demo fixture {DEMO} is absent")
    base_url, database = live_server
    with database.session(write=True) as session:
        import_problem(session, Problem.model_validate_json(DEMO.read_bytes()))
    manager = httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {mint(database, 'manager')}"}
    )
    [period] = manager.get("/api/v1/sites/demo-week/periods").json()
    period_id = period["id"]
    started = manager.post(
        f"/api/v1/periods/{period_id}/solves",
        json={"time_limit_seconds": 60, "relative_gap_limit": 0},
    )
    assert started.status_code == 202, started.text
    run_id = started.json()["id"]
    for _ in range(1200):
        status = manager.get(f"/api/v1/solves/{run_id}").json()["status"]
        if status != "queued":
            break
        time.sleep(0.05)
    assert status == "running"

    answers = [
        manager.get("/api/v1/sites").status_code,
        manager.get(f"/api/v1/periods/{period_id}").status_code,
        manager.get("/api/v1/agents", params={"site_id": "demo-week"}).status_code,
        manager.patch("/api/v1/agents/a0001", json={"name": "Renamed"}).status_code,
    ]
    still = manager.get(f"/api/v1/solves/{run_id}").json()["status"]
    assert answers == [200, 200, 200, 200]
    assert still == "running", "the answers above came while the solve was still running"

    # The test ends here: shutting the server down stops the solver process.
