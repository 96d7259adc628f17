"""The request pages post to the same services as the API: an agent's time off approved and
shown, a colleague picking up the freed shift, a manager declining in one click."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.requests_site import set_up_week, verify_published
from tests.web.conftest import LoginAs


def test_time_off_pick_up_and_a_managers_decline_through_the_pages(
    login_as: LoginAs, manager: TestClient, database: Database
) -> None:
    period_id = set_up_week(
        manager, database, {"min_coverage_ratio": 0, "modes": {"drop": "manual"}}
    )
    a1, csrf1 = login_as("agent", "a1")
    page = a1.get("/me/requests")
    assert page.status_code == 200 and "Ask for time off" in page.text
    asked = a1.post(
        "/me/requests/time-off",
        data={"csrf_token": csrf1, "start": "2030-01-08T00:00", "end": "2030-01-09T00:00"},
    )
    assert asked.status_code == 303, asked.text
    shown = a1.get(asked.headers["location"]).text
    assert "Approved — Approved at once" in shown
    a3, csrf3 = login_as("agent", "a3")
    offered = a3.get("/me/requests").text
    [open_id] = re.findall(r'name="open_shift_id" value="(\d+)"', offered)
    picked = a3.post("/me/requests/pick-up", data={"csrf_token": csrf3, "open_shift_id": open_id})
    assert picked.status_code == 303
    assert "the shift is yours" in a3.get(picked.headers["location"]).text
    assert verify_published(database, period_id) == (3, [])
    refused = a1.post("/me/requests/time-off", data={"csrf_token": csrf1, "start": "x", "end": ""})
    assert refused.status_code == 422 and "<code>start</code>" in refused.text
    a2, csrf2 = login_as("agent", "a2")
    [shift_id, *_] = re.findall(r'name="shift_id" value="(\d+)"', a2.get("/me/requests").text)
    dropped = a2.post("/me/requests/drop", data={"csrf_token": csrf2, "shift_id": shift_id})
    assert "Waiting for a manager" in a2.get(dropped.headers["location"]).text
    boss, csrf = login_as("manager")
    pending = boss.get("/manage/requests").text
    [request_id] = re.findall(r"/manage/requests/(\d+)/decline", pending)
    declined = boss.post(
        f"/manage/requests/{request_id}/decline", data={"csrf_token": csrf, "note": "Busy week."}
    )
    assert declined.status_code == 303
    assert "Nothing is waiting." in boss.get("/manage/requests").text
    assert "Declined by a manager. Busy week." in a2.get("/me/requests").text
    french = a2.get("/me/requests?lang=fr").text
    assert "Mes demandes" in french


def test_the_managers_list_shows_impact_in_the_page_language_and_approves_in_one_click(
    login_as: LoginAs, manager: TestClient, database: Database
) -> None:
    period_id = set_up_week(manager, database, {"min_coverage_ratio": 0.8})
    a1, csrf1 = login_as("agent", "a1")
    a1.post(
        "/me/requests/time-off",
        data={"csrf_token": csrf1, "start": "2030-01-08T00:00", "end": "2030-01-09T00:00"},
    )
    manager.put(
        "/api/v1/sites/paris/request-policy", json={"min_coverage_ratio": 0.8, "waitlist": True}
    )
    a2, csrf2 = login_as("agent", "a2")
    a2.post(
        "/me/requests/time-off",
        data={"csrf_token": csrf2, "start": "2030-01-09T00:00", "end": "2030-01-10T00:00"},
    )
    boss, csrf = login_as("manager")
    english = boss.get("/manage/requests").text
    assert "fr-support Tue 8 Jan 08:00–12:00: 2 → 1 / 2" in english
    assert "-7.5 h" in english
    assert "Waiting for a free place" in english, "the waitlist is the manager's to answer too"
    french = boss.get("/manage/requests?lang=fr").text
    assert "fr-support mardi 8 janvier 08:00–12:00: 2 → 1 / 2" in french
    assert "-7,5 h" in french
    assert "fr-support tomberait à 1 agent sur 2 mardi 8 janvier 08:00–12:00." in french
    [first, second] = re.findall(r"/manage/requests/(\d+)/approve", english)
    approved = boss.post(f"/manage/requests/{first}/approve", data={"csrf_token": csrf})
    assert approved.status_code == 303, approved.text
    assert verify_published(database, period_id) == (2, [])
    assert "Approved by a manager." in a1.get("/me/requests").text
    assert "Approuvé par un responsable." in a1.get("/me/requests?lang=fr").text
    declined = boss.post(f"/manage/requests/{second}/decline", data={"csrf_token": csrf})
    assert declined.status_code == 303
    trail = manager.get("/api/v1/audit", params={"entity": "agent_request"}).json()
    assert sorted((e["entity_id"], e["action"]) for e in trail) == sorted(
        [(first, "ask"), (first, "approve"), (second, "wait"), (second, "decline")]
    )
