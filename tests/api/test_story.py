"""The whole story over real HTTP: set up, offer, solve, publish, download, report absence."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import httpx
import icalendar

from api.db.database import Database
from tests.api.conftest import mint
from tests.api.story import offer, set_up_small_site, wait_for_run

QUICK = {"time_limit_seconds": 10, "num_workers": 1}


def _client(base_url: str, secret: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {secret}"}, timeout=60
    )


def _solve(manager: httpx.Client, period_id: int) -> dict[str, object]:
    started = manager.post(f"/api/v1/periods/{period_id}/solves", json=QUICK)
    assert started.status_code == 202, started.text
    run = wait_for_run(manager, started.json()["id"])
    assert run["status"] == "finished" and run["roster_id"], run
    return run


def test_full_story(live_server: tuple[str, Database]) -> None:
    base_url, database = live_server
    manager = _client(base_url, mint(database, "manager"))
    planner = _client(base_url, mint(database, "planner"))
    period_id = set_up_small_site(manager)
    a1 = _client(base_url, mint(database, "agent", "a1"))
    a2 = _client(base_url, mint(database, "agent", "a2"))
    offer(a1, period_id, "a1", "08:00", "14:00")
    offer(a2, period_id, "a2", "08:00", "14:00")

    first = _solve(manager, period_id)
    assert a1.get("/api/v1/agents/a1/shifts").json()["shifts"] == [], "drafts stay hidden"
    published = manager.post(f"/api/v1/rosters/{first['roster_id']}/publish")
    assert published.status_code == 200, published.text
    assert published.json()["version"] == 1
    again = manager.post(f"/api/v1/rosters/{first['roster_id']}/publish")
    assert again.status_code == 409
    closed = a1.post(
        f"/api/v1/periods/{period_id}/availability/a1",
        json={"windows": [{"start": "2030-01-07T15:00", "end": "2030-01-07T16:00"}]},
    )
    assert closed.status_code == 409, "availability closes once a roster is published"

    roster = manager.get(f"/api/v1/rosters/{first['roster_id']}").json()
    mine = a1.get("/api/v1/agents/a1/shifts").json()["shifts"]
    assert [s["id"] for s in mine] == [s["id"] for s in roster["shifts"] if s["agent_id"] == "a1"]
    assert a1.get("/api/v1/agents/a2/shifts").status_code == 403

    ics = a1.get("/api/v1/agents/a1/shifts.ics")
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR\r\n")
    assert ics.text.count("BEGIN:VEVENT") == len(mine)
    starts = {e.decoded("dtstart") for e in icalendar.Calendar.from_ical(ics.text).walk("VEVENT")}
    assert starts == {datetime.fromisoformat(shift["start"]) for shift in mine}

    rows = list(
        csv.DictReader(
            io.StringIO(manager.get(f"/api/v1/rosters/{first['roster_id']}/roster.csv").text)
        )
    )
    assert len(rows) == len(roster["shifts"])

    target = roster["shifts"][0]
    absence = planner.post(
        "/api/v1/absences",
        json={
            "agent_id": target["agent_id"],
            "start": target["start"],
            "end": target["end"],
            "reason": "sick",
        },
    )
    assert absence.status_code == 201, absence.text
    assert [s["id"] for s in absence.json()["affected_shifts"]] == [target["id"]]
    assert absence.json()["healed_at"] is None
    marked = manager.get(f"/api/v1/rosters/{first['roster_id']}").json()["shifts"]
    assert {s["id"]: s["absence_ids"] for s in marked}[target["id"]] == [absence.json()["id"]]
    trail = planner.get("/api/v1/audit", params={"entity": "absence"}).json()
    assert trail[0]["detail"]["affected_shift_ids"] == [target["id"]]

    second = _solve(manager, period_id)
    snapshot = manager.get(f"/api/v1/solves/{second['id']}/problem.json").json()
    assert [a["agent_id"] for a in snapshot["absences"]] == [target["agent_id"]]
    assert len(snapshot["previous_roster"]) == len(roster["shifts"])
    replanned = manager.get(f"/api/v1/rosters/{second['roster_id']}").json()["shifts"]
    assert not [
        s
        for s in replanned
        if s["agent_id"] == target["agent_id"]
        and s["start"] < target["end"]
        and target["start"] < s["end"]
    ], "the new plan leaves the absent agent out"
    manager.post(f"/api/v1/rosters/{second['roster_id']}/publish").raise_for_status()
    comparison = manager.get(
        f"/api/v1/periods/{period_id}/rosters/compare", params={"base": 1, "other": 2}
    ).json()
    assert comparison["base_version"] == 1 and comparison["other_version"] == 2
    changed = {c["agent_id"]: c for c in comparison["changes"]}
    assert changed[target["agent_id"]]["removed"][0]["start"] == target["start"]
    versions = [r["version"] for r in manager.get(f"/api/v1/periods/{period_id}/rosters").json()]
    assert versions == [1, 2]
    assert manager.get(f"/api/v1/rosters/{first['roster_id']}").json()["shifts"] == marked
