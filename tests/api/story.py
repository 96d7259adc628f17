"""Steps of the manager / agent / planner story, over any HTTP client (TestClient or httpx)."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any, Protocol

import httpx

from api.db.database import Database
from tests.api import payloads
from tests.api.conftest import mint

QUICK = {"time_limit_seconds": 10, "num_workers": 1}
"""A solve request for the story's small sites: one worker, ten seconds at most."""


class Http(Protocol):
    def get(self, url: str, **kwargs: Any) -> Any: ...
    def post(self, url: str, **kwargs: Any) -> Any: ...
    def put(self, url: str, **kwargs: Any) -> Any: ...


def http_client(
    base_url: str, database: Database, role: str, agent: str | None = None
) -> httpx.Client:
    """An HTTP client of a live server, with a new key of ``role`` (and agent)."""
    secret = mint(database, role, agent)
    return httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {secret}"}, timeout=60
    )


def set_up_small_site(manager: Http, agents: tuple[str, ...] = ("a1", "a2")) -> int:
    """Site paris, queue fr-support, the agents, a 1-day period with demand 08:00-14:00.

    Contracts allow 56 h a week, which a 1-day period prorates to 8 h.
    """
    assert manager.post("/api/v1/sites", json=payloads.site()).status_code == 201
    assert manager.post("/api/v1/sites/paris/queues", json=payloads.queue()).status_code == 201
    for agent_id in agents:
        body = payloads.agent(agent_id, contract={"max_hours_per_week": 56})
        assert manager.post("/api/v1/agents", json=body).status_code == 201
    period = manager.post(
        "/api/v1/sites/paris/periods", json={"first_day": payloads.FIRST_DAY, "days": 1}
    )
    assert period.status_code == 201, period.text
    period_id = int(period.json()["id"])
    demand = {"queue": "fr-support", "start": "2030-01-07T08:00", "required": [1] * 12}
    response = manager.put(f"/api/v1/periods/{period_id}/demand", json={"series": [demand]})
    assert response.status_code == 200, response.text
    return period_id


def offer(agent: Http, period_id: int, agent_id: str, start: str, end: str) -> None:
    window = {"start": f"2030-01-07T{start}", "end": f"2030-01-07T{end}"}
    response = agent.post(
        f"/api/v1/periods/{period_id}/availability/{agent_id}", json={"windows": [window]}
    )
    assert response.status_code == 200, response.text


def wait_for_run(manager: Http, run_id: int, polls: int = 600) -> dict[str, Any]:
    """Poll until the run ends (bounded by ``polls``, not by a timed assertion)."""
    for _ in range(polls):
        run: dict[str, Any] = manager.get(f"/api/v1/solves/{run_id}").json()
        if run["status"] in ("finished", "failed"):
            return run
        time.sleep(0.1)
    raise AssertionError(f"solve {run_id} did not end: {run}")


def history_csv(contacts: int = 6, aht: int = 300) -> str:
    """Four weeks of flat history before the 2030-01-07 period, Monday to Saturday."""
    lines = ["date,interval,queue,contacts,aht_seconds"]
    day = date(2029, 12, 10)
    while day < date(2030, 1, 7):
        if day.weekday() < 6:
            for half_hour in range(16, 40):
                start = f"{half_hour // 2:02d}:{30 * (half_hour % 2):02d}"
                lines.append(f"{day},{start},fr-support,{contacts},{aht}")
        day += timedelta(days=1)
    return "\n".join(lines) + "\n"


def upload_history(manager: Http, period_id: int, **params: object) -> None:
    response = manager.put(
        f"/api/v1/periods/{period_id}/demand/history.csv",
        files={"file": ("history.csv", history_csv().encode(), "text/csv")},
        params=params,
    )
    assert response.status_code == 200, response.text


def solved_forecast_week(
    base_url: str, database: Database
) -> tuple[httpx.Client, int, dict[str, Any]]:
    """The small site's period staffed from four weeks of history (shrinkage 0), a1 and a2
    offering 08:00-14:00, solved: the manager's client, the period and the finished run."""
    manager = http_client(base_url, database, "manager")
    period_id = set_up_small_site(manager)
    upload_history(manager, period_id, shrinkage=0)
    for agent in ("a1", "a2"):
        offer(http_client(base_url, database, "agent", agent), period_id, agent, "08:00", "14:00")
    started = manager.post(f"/api/v1/periods/{period_id}/solves", json=QUICK)
    assert started.status_code == 202, started.text
    run = wait_for_run(manager, started.json()["id"])
    assert run["status"] == "finished", run
    return manager, period_id, run
