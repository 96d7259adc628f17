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

    # 24 half-hours of the site's opening hours (08:00-20:00), alternately by each thread
    half_hours = range(8 * 60, 20 * 60, 30)

    def clock(minute: int) -> str:
        return f"2030-01-08T{minute // 60:02d}:{minute % 60:02d}"

    def submit(minutes: range) -> None:
        with httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {secret}"}, timeout=60
        ) as client:
            start.wait()
            for minute in minutes:
                window = {"start": clock(minute), "end": clock(minute + 30)}
                statuses.append(client.post(path, json={"windows": [window]}).status_code)

    threads = [
        threading.Thread(target=submit, args=(half_hours[0::2],)),
        threading.Thread(target=submit, args=(half_hours[1::2],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 24
    stored = manager.get(path).json()["windows"]
    assert sorted(w["start"][:16] for w in stored) == [clock(m) for m in half_hours]


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
