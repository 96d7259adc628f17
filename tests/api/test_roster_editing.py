"""Editing a roster by hand: the verifier's verdict at once, published rosters never touched."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.conftest import ClientFor
from tests.web.conftest import add_roster


def _offer(client_for: ClientFor, period_id: int, agent_id: str) -> None:
    window = {
        "windows": [
            {"start": "2030-01-07T07:00", "end": "2030-01-07T19:00"},
            {"start": "2030-01-08T08:00", "end": "2030-01-08T13:00"},
        ]
    }
    agent = client_for("agent", agent_id)
    response = agent.post(f"/api/v1/periods/{period_id}/availability/{agent_id}", json=window)
    assert response.status_code == 200, response.text


def _shifts(manager: TestClient, roster_id: int) -> list[tuple[str, str, str]]:
    body = manager.get(f"/api/v1/rosters/{roster_id}").json()
    return [(s["agent_id"], s["start"], s["end"]) for s in body["shifts"]]


def test_moving_a_published_shift_makes_a_verified_draft(
    manager: TestClient, client_for: ClientFor, database: Database, period_id: int
) -> None:
    _offer(client_for, period_id, "a1")
    published = add_roster(database, period_id, version=1, hour=7)  # a1 07:00-11:00 UTC
    [shift] = manager.get(f"/api/v1/rosters/{published}").json()["shifts"]
    move = {
        "action": "move",
        "shift_id": shift["id"],
        "start": "2030-01-07T08:00:00Z",
        "end": "2030-01-07T11:00:00Z",
    }
    response = manager.post(f"/api/v1/rosters/{published}/edits", json=move)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["new_draft"] is True and result["verified_ok"] is True
    assert _shifts(manager, result["roster_id"]) == [
        ("a1", "2030-01-07T08:00:00Z", "2030-01-07T11:00:00Z")
    ]
    assert _shifts(manager, published) == [("a1", "2030-01-07T07:00:00Z", "2030-01-07T11:00:00Z")]
    draft = result["roster_id"]
    added = {
        "action": "add",
        "agent_id": "a1",
        "queue": "fr-support",
        "start": "2030-01-08T08:00:00Z",
        "end": "2030-01-08T11:00:00Z",
    }
    again = manager.post(f"/api/v1/rosters/{draft}/edits", json=added)
    assert again.status_code == 200, again.text
    assert again.json() == {**again.json(), "roster_id": draft, "new_draft": False}
    assert len(_shifts(manager, draft)) == 2


def test_an_edit_breaking_a_rule_is_refused_and_nothing_changes(
    manager: TestClient, client_for: ClientFor, database: Database, period_id: int
) -> None:
    _offer(client_for, period_id, "a1")
    draft = add_roster(database, period_id, version=None, hour=7)
    [shift] = manager.get(f"/api/v1/rosters/{draft}").json()["shifts"]
    evening = {
        "action": "move",
        "shift_id": shift["id"],
        "start": "2030-01-07T17:00:00Z",  # 18:00-21:00 Paris: past availability and closing
        "end": "2030-01-07T20:00:00Z",
    }
    refused = manager.post(f"/api/v1/rosters/{draft}/edits", json=evening)
    assert refused.status_code == 422, refused.text
    fields = {issue["field"] for issue in refused.json()["detail"]}
    assert any(f.startswith("shift.") for f in fields), fields
    assert _shifts(manager, draft) == [("a1", "2030-01-07T07:00:00Z", "2030-01-07T11:00:00Z")]
    before = len(manager.get(f"/api/v1/periods/{period_id}/rosters").json())
    deleted = manager.post(
        f"/api/v1/rosters/{draft}/edits", json={"action": "delete", "shift_id": shift["id"]}
    )
    assert deleted.status_code == 200 and deleted.json()["new_draft"] is False
    assert _shifts(manager, draft) == []
    assert len(manager.get(f"/api/v1/periods/{period_id}/rosters").json()) == before
    unknown = manager.post(
        f"/api/v1/rosters/{draft}/edits", json={"action": "delete", "shift_id": 99_999}
    )
    assert unknown.status_code == 404


def test_adding_a_shift_for_an_unknown_agent_or_queue_is_a_4xx(
    manager: TestClient, database: Database, period_id: int
) -> None:
    draft = add_roster(database, period_id, version=None, hour=7)
    for agent_id, queue in (("zz", "fr-support"), ("a2", "no-such-queue")):
        body = {
            "action": "add",
            "agent_id": agent_id,
            "queue": queue,
            "start": "2031-01-08T08:00:00Z",
            "end": "2031-01-08T11:00:00Z",
        }
        response = manager.post(f"/api/v1/rosters/{draft}/edits", json=body)
        assert 400 <= response.status_code < 500, response.text
    assert len(_shifts(manager, draft)) == 1
