"""The waitlist: time off held back only by the coverage floor or the day's allotment waits,
and is approved by itself when a place frees (a pick-up, a withdrawal, a looser policy)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.conftest import ClientFor
from tests.api.requests_site import iso, set_up_week, verify_published

FLOOR = {"min_coverage_ratio": 0.5, "waitlist": True}


def _time_off(
    client: TestClient, agent_id: str, day: int, hours: tuple[float, float] = (0, 24)
) -> Any:
    response = client.post(
        f"/api/v1/agents/{agent_id}/requests/time-off",
        json={"start": iso(day, hours[0]), "end": iso(day, hours[1])},
    )
    assert response.status_code == 201, response.text
    return response.json()


def _drop_tuesday(client: TestClient, agent_id: str) -> None:
    shifts = client.get(f"/api/v1/agents/{agent_id}/shifts").json()["shifts"]
    tuesday = next(s["id"] for s in shifts if s["start"] == iso(1, 8))
    response = client.post(f"/api/v1/agents/{agent_id}/requests/drop", json={"shift_id": tuesday})
    assert response.json()["status"] == "approved", response.text


def audit_of(manager: TestClient, request_id: int) -> list[tuple[str, str]]:
    entries = manager.get(
        "/api/v1/audit", params={"entity": "agent_request", "entity_id": str(request_id)}
    )
    assert entries.status_code == 200, entries.text
    return sorted((e["action"], e["actor_role"]) for e in entries.json())


def test_time_off_below_the_floor_waits_and_a_pick_up_approves_it(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, {"min_coverage_ratio": 0})
    a1, a2, a3 = (client_for("agent", a) for a in ("a1", "a2", "a3"))
    _drop_tuesday(a1, "a1")
    assert manager.put("/api/v1/sites/paris/request-policy", json=FLOOR).status_code == 200
    waiting = _time_off(a2, "a2", 1)
    assert waiting["status"] == "waitlisted", waiting
    assert waiting["decision"] == (
        "fr-support would fall to 0 of 2 agents on Tue 8 Jan 08:00–12:00. "
        "fr-support would fall to 0 of 2 agents on Tue 8 Jan 12:30–16:00. "
        "You are number 1 on the waitlist: your time off is approved automatically as soon "
        "as a place frees."
    )
    assert verify_published(database, period_id)[0] == 2, "waiting publishes nothing"
    [open_shift] = a3.get("/api/v1/agents/a3/open-shifts").json()
    picked = a3.post("/api/v1/agents/a3/requests/pick-up", json={"open_shift_id": open_shift["id"]})
    assert picked.json()["status"] == "approved", picked.text
    served = a2.get(f"/api/v1/requests/{waiting['id']}").json()
    assert served["status"] == "approved"
    assert served["decision"].startswith("Approved from the waitlist: a place freed")
    assert served["version"] == 4
    assert verify_published(database, period_id) == (4, [])
    freed = manager.get(f"/api/v1/periods/{period_id}/open-shifts").json()
    assert [(o["start"], o["end"]) for o in freed] == [(iso(1, 8), iso(1, 16))], "a2's hours"
    assert audit_of(manager, waiting["id"]) == [
        ("approve", "waitlist"),
        ("serve", "waitlist"),
        ("wait", "agent"),
    ]


def test_the_allotment_waitlist_keeps_its_order_and_a_looser_policy_serves_it(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    policy = {"min_coverage_ratio": 0, "time_off_per_day": 1, "waitlist": True}
    period_id = set_up_week(manager, database, policy, free=("a3", "a4"))
    assert _time_off(client_for("agent", "a1"), "a1", 1)["status"] == "approved"
    second = _time_off(client_for("agent", "a2"), "a2", 1, (14, 16))
    third = _time_off(client_for("agent", "a3"), "a3", 1, (9, 10))
    fourth = _time_off(client_for("agent", "a4"), "a4", 1, (9, 10))
    assert [r["status"] for r in (second, third, fourth)] == ["waitlisted"] * 3
    assert second["decision"].startswith(
        "1 agent already has time off on Tue 8 Jan, the most the site allows at once (1). "
        "You are number 1 on the waitlist"
    )
    assert "You are number 2 on the waitlist" in third["decision"]
    withdrawn = client_for("agent", "a3").post(f"/api/v1/requests/{third['id']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn", withdrawn.text
    assert manager.get(f"/api/v1/requests/{second['id']}").json()["status"] == "waitlisted"
    looser = manager.put(
        "/api/v1/sites/paris/request-policy", json={**policy, "time_off_per_day": 2}
    )
    assert looser.status_code == 200, looser.text
    statuses = [
        manager.get(f"/api/v1/requests/{r['id']}").json()["status"] for r in (second, fourth)
    ]
    assert statuses == ["approved", "waitlisted"], "the oldest first, one place, one approval"
    assert verify_published(database, period_id) == (3, [])
    listed = manager.get("/api/v1/requests", params={"status": "waitlisted"}).json()
    assert [r["id"] for r in listed] == [fourth["id"]]


def test_without_the_flag_or_with_short_notice_a_manager_answers(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    from datetime import timedelta

    from api.auth.keys import Principal
    from api.requests import service
    from api.requests.schemas import TimeOffCreate
    from tests.api.requests_site import at

    set_up_week(manager, database, {"min_coverage_ratio": 0.8})
    assert _time_off(client_for("agent", "a1"), "a1", 1)["status"] == "pending"
    assert (
        manager.put(
            "/api/v1/sites/paris/request-policy", json={**FLOOR, "min_coverage_ratio": 0.8}
        ).status_code
        == 200
    )
    body = TimeOffCreate(start=at(2, 8), end=at(2, 16))
    with database.session(write=True) as session:
        read = service.ask_time_off(
            session, Principal(None, "agent", "a2"), "a2", body, at(2, 8) - timedelta(hours=20)
        )
    assert read.status == "pending", "short notice is a manager's call, not a place to wait for"
    assert read.decision.startswith("Asked 20 h ahead")


def test_a_manager_may_decline_a_waiting_request(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, {**FLOOR, "min_coverage_ratio": 0.8})
    waiting = _time_off(client_for("agent", "a1"), "a1", 1)
    assert waiting["status"] == "waitlisted"
    declined = manager.post(f"/api/v1/requests/{waiting['id']}/decline", json={"note": "busy week"})
    assert declined.status_code == 200, declined.text
    assert (declined.json()["status"], declined.json()["decision"]) == (
        "declined",
        "Declined by a manager. busy week",
    )
