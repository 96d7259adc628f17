"""A solve run tells the planner what the roster cannot do: a queue no agent may serve."""

from __future__ import annotations

from datetime import date

import httpx

from api.db.database import Database
from api.imports.service import import_problem
from tests.api.conftest import mint
from tests.api.story import offer, set_up_small_site, wait_for_run
from tests.verifier.builders import agent, daily_windows, problem


def test_a_queue_no_agent_may_serve_gives_a_roster_and_a_warning(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    headers = {"Authorization": f"Bearer {mint(database, 'manager')}"}
    manager = httpx.Client(base_url=base_url, headers=headers, timeout=60)
    period_id = set_up_small_site(manager)
    agent = httpx.Client(
        base_url=base_url,
        headers={"Authorization": f"Bearer {mint(database, 'agent', 'a1')}"},
        timeout=60,
    )
    offer(agent, period_id, "a1", "08:00", "14:00")
    onshore = manager.patch("/api/v1/queues/fr-support", json={"countries": ["BE"]})
    assert onshore.status_code == 200, onshore.text

    started = manager.post(
        f"/api/v1/periods/{period_id}/solves", json={"time_limit_seconds": 10, "num_workers": 1}
    )
    assert started.status_code == 202, started.text
    run = wait_for_run(manager, started.json()["id"])

    assert run["status"] == "finished", run
    assert run["solver_status"] in ("optimal", "feasible")
    assert run["kpis"]["unmet_agent_hours"] == 6.0
    [warning] = run["warnings"]
    assert "'fr-support'" in warning and "BE" in warning
    assert "warnings" not in run["kpis"]
    roster = manager.get(f"/api/v1/rosters/{run['roster_id']}").json()
    assert roster["shifts"] == []


def test_a_window_past_the_horizon_end_is_a_warning_of_the_run_not_a_refusal(
    live_server: tuple[str, Database],
) -> None:
    """Issue 13 item 1 through the API: a loaded problem whose Casablanca agent offers her
    Sunday evening in the week Paris moves to summer time (the week ends at 23:00 for her)."""
    base_url, database = live_server
    spring = problem(
        [
            agent(
                "c1",
                time_zone="Africa/Casablanca",
                country="MA",
                availability=[{"start": "2027-03-28T14:00", "end": "2027-03-28T23:30"}],
            ),
            agent("p1", availability=daily_windows(date(2027, 3, 22), 6, "08:00", "12:00")),
        ],
        name="spring: edge",
        horizon={
            "first_day": "2027-03-22",
            "opening_hours": [{"weekdays": list(range(7)), "open": "08:00", "close": "00:00"}],
        },
        demand=[{"queue": "fr", "start": "2027-03-28T20:00", "required": [1] * 8}],
    )
    with database.session(write=True) as session:
        import_problem(session, spring)
    headers = {"Authorization": f"Bearer {mint(database, 'manager')}"}
    manager = httpx.Client(base_url=base_url, headers=headers, timeout=60)
    [period] = manager.get("/api/v1/sites/spring/periods").json()
    started = manager.post(
        f"/api/v1/periods/{period['id']}/solves", json={"time_limit_seconds": 10, "num_workers": 1}
    )
    assert started.status_code == 202, started.text
    run = wait_for_run(manager, started.json()["id"])
    assert run["status"] == "finished", run
    assert run["kpis"]["unmet_agent_hours"] == 0
    [warning] = run["warnings"]
    assert warning.startswith("agent c1: ")
    assert warning.endswith(
        "window 2027-03-28 14:00-23:30 (Africa/Casablanca) runs past the horizon end; "
        "2027-03-28 14:00-23:00 is kept, the rest dropped"
    )
