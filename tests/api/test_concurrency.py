"""Concurrent writers over real HTTP on a committed database: no write is lost."""

from __future__ import annotations

import threading

import httpx

from api.db.database import Database
from tests.api import payloads
from tests.api.conftest import mint


def _set_up(base_url: str, database: Database) -> tuple[httpx.Client, int]:
    manager = httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {mint(database, 'manager')}"}
    )
    manager.post("/api/v1/sites", json=payloads.site()).raise_for_status()
    manager.post("/api/v1/sites/paris/queues", json=payloads.queue()).raise_for_status()
    manager.post("/api/v1/agents", json=payloads.agent("a1")).raise_for_status()
    period = manager.post("/api/v1/sites/paris/periods", json={"first_day": payloads.FIRST_DAY})
    period.raise_for_status()
    return manager, int(period.json()["id"])


def test_simultaneous_submissions_for_one_agent_are_all_kept(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager, period_id = _set_up(base_url, database)
    # Half hours round the clock: the site must be open for them (closed hours are refused).
    round_the_clock = [{"weekdays": list(range(7)), "open": "00:00", "close": "00:00"}]
    opened = manager.patch("/api/v1/sites/paris", json={"opening_hours": round_the_clock})
    assert opened.status_code == 200, opened.text
    secret = mint(database, "agent", "a1")
    path = f"/api/v1/periods/{period_id}/availability/a1"
    start = threading.Barrier(2)
    statuses: list[int] = []

    def submit(hours: range) -> None:
        with httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {secret}"}, timeout=60
        ) as client:
            start.wait()
            for hour in hours:
                window = {"start": f"2030-01-08T{hour:02d}:00", "end": f"2030-01-08T{hour:02d}:30"}
                statuses.append(client.post(path, json={"windows": [window]}).status_code)

    threads = [
        threading.Thread(target=submit, args=(range(0, 24, 2),)),
        threading.Thread(target=submit, args=(range(1, 24, 2),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 24
    stored = manager.get(path).json()["windows"]
    assert sorted(int(w["start"][11:13]) for w in stored) == list(range(24))


def test_simultaneous_overlapping_submissions_keep_exactly_one(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager, period_id = _set_up(base_url, database)
    secret = mint(database, "agent", "a1")
    path = f"/api/v1/periods/{period_id}/availability/a1"
    start = threading.Barrier(4)
    statuses: list[int] = []

    def submit(minute: int) -> None:
        window = {"start": f"2030-01-09T08:{minute:02d}", "end": "2030-01-09T12:00"}
        with httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {secret}"}, timeout=60
        ) as client:
            start.wait()
            statuses.append(client.post(path, json={"windows": [window]}).status_code)

    threads = [threading.Thread(target=submit, args=(m,)) for m in (0, 10, 20, 30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 422, 422, 422]
    assert len(manager.get(path).json()["windows"]) == 1
