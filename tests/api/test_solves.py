"""Solves run in another process; the API keeps answering; results are stored and verified."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from api.app import create_app
from api.db.database import Database
from api.db.models import PlanningPeriod, Site, SolveRun
from api.server import serve_in_thread
from api.settings import Settings
from tests.api.story import http_client as _client
from tests.api.story import offer, set_up_small_site, wait_for_run

QUICK = {"time_limit_seconds": 10, "num_workers": 1}


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


def test_runs_whose_process_stopped_are_failed_and_live_ones_left_alone(
    live_database: tuple[str, Database], settings: Settings
) -> None:
    """A run's heartbeat says whether its process lives: a server starting up fails the runs
    whose heartbeat is older than the lease (their server died), and leaves alone those of
    another server still running (several server processes share one database)."""
    url, database = live_database
    now = datetime.now(UTC)
    with database.session(write=True) as session:
        session.add(
            Site(id="s", time_zone="UTC", slot_minutes=30, opening_hours=[], rules={}, weights={})
        )
        session.flush()
        period = PlanningPeriod(
            site_id="s",
            first_day=date(2030, 1, 7),
            days=1,
            availability_closes_at=datetime(2030, 1, 1, tzinfo=UTC),
            rules={},
            weights={},
        )
        session.add(period)
        session.flush()
        for status, beat in (("running", 120), ("queued", 120), ("running", 5)):
            session.add(
                SolveRun(
                    period_id=period.id,
                    status=status,
                    settings={},
                    problem={},
                    heartbeat_at=now - timedelta(seconds=beat),
                )
            )
    app = create_app(settings.model_copy(update={"database_url": url}), database)
    with serve_in_thread(app) as base_url:
        client = _client(base_url, database, "manager")
        runs = [client.get(f"/api/v1/solves/{i}").json() for i in (1, 2, 3)]
    assert [r["status"] for r in runs] == ["failed", "failed", "running"]
    assert all("interrupted" in r["error"] for r in runs[:2])
    assert runs[2]["error"] is None
