"""A solve run tells the planner what the roster cannot do: a queue no agent may serve."""

from __future__ import annotations

import httpx

from api.db.database import Database
from tests.api.conftest import mint
from tests.api.story import offer, set_up_small_site, wait_for_run


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
