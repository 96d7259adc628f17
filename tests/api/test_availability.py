"""Agents submit, replace and withdraw availability; bad windows are refused whole."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api import payloads
from tests.api.conftest import ClientFor


def _window(day: int, start: str, end: str) -> dict[str, str]:
    return {"start": f"2030-01-{day:02d}T{start}", "end": f"2030-01-{day:02d}T{end}"}


@pytest.fixture
def agent(client_for: ClientFor, period_id: int) -> TestClient:
    return client_for("agent", "a1")


def _path(period_id: int, agent_id: str = "a1") -> str:
    return f"/api/v1/periods/{period_id}/availability/{agent_id}"


def test_agent_submits_adds_and_withdraws(agent: TestClient, period_id: int) -> None:
    first = agent.post(_path(period_id), json={"windows": [_window(7, "08:00", "12:00")]})
    assert first.status_code == 200, first.text
    second = agent.post(
        _path(period_id),
        json={
            "windows": [_window(8, "08:00", "12:00")],
            "preferred": [_window(8, "09:00", "11:00")],
        },
    )
    body = second.json()
    assert [w["start"] for w in body["windows"]] == ["2030-01-07T08:00:00", "2030-01-08T08:00:00"]
    assert len(body["preferred"]) == 1
    window_id = body["windows"][0]["id"]
    after = agent.delete(f"{_path(period_id)}/windows/{window_id}").json()
    assert [w["start"] for w in after["windows"]] == ["2030-01-08T08:00:00"]
    assert agent.delete(_path(period_id)).json()["windows"] == []


def test_replace_swaps_the_whole_set(agent: TestClient, period_id: int) -> None:
    agent.post(_path(period_id), json={"windows": [_window(7, "08:00", "12:00")]})
    response = agent.put(_path(period_id), json={"windows": [_window(9, "14:00", "18:00")]})
    assert [w["start"] for w in response.json()["windows"]] == ["2030-01-09T14:00:00"]


@pytest.mark.parametrize(
    ("windows", "field", "words"),
    [
        ([_window(7, "08:00", "12:00"), _window(7, "11:00", "13:00")], "windows[1]", "overlaps"),
        ([_window(20, "08:00", "12:00")], "windows[0]", "outside the horizon"),
        ([{"start": "2030-01-07T25:00", "end": "2030-01-07T26:00"}], "windows[0].start", ""),
        ([{"start": "2030-01-07T08:00+01:00", "end": "2030-01-07T09:00"}], "windows[0].start", ""),
        ([_window(7, "12:00", "08:00")], "windows[0]", "after start"),
    ],
)
def test_bad_windows_name_field_and_reason(
    agent: TestClient, period_id: int, windows: list[Any], field: str, words: str
) -> None:
    agent.post(_path(period_id), json={"windows": [_window(10, "08:00", "10:00")]})
    response = agent.post(_path(period_id), json={"windows": windows})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail[0]["field"] == field
    assert words in detail[0]["msg"]
    kept = agent.get(_path(period_id)).json()["windows"]
    assert [w["start"] for w in kept] == ["2030-01-10T08:00:00"]


def test_overlap_with_a_stored_window_is_refused(agent: TestClient, period_id: int) -> None:
    stored = agent.post(_path(period_id), json={"windows": [_window(7, "08:00", "12:00")]})
    stored_id = stored.json()["windows"][0]["id"]
    response = agent.post(_path(period_id), json={"windows": [_window(7, "10:00", "14:00")]})
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["field"] == "windows[0]"
    assert f"stored window {stored_id}" in issue["msg"]


def test_hours_above_the_aid_cap_are_refused(
    manager: TestClient, client_for: ClientFor, period_id: int
) -> None:
    manager.patch("/api/v1/agents/a2", json={"aid_cap": {"max_hours_per_week": 6}})
    agent2 = client_for("agent", "a2")
    windows = [_window(7, "08:00", "12:00"), _window(8, "08:00", "12:00")]
    response = agent2.post(_path(period_id, "a2"), json={"windows": windows})
    assert response.status_code == 422
    assert "disability-aid cap of 6 h per week" in response.json()["detail"][0]["msg"]


def test_after_the_cut_off_nothing_changes(manager: TestClient, client_for: ClientFor) -> None:
    # period_id fixture is not used: this period closed long ago.
    manager.post("/api/v1/sites", json=payloads.site())
    manager.post("/api/v1/sites/paris/queues", json={"id": "q", "skill": "fr"})
    manager.post("/api/v1/agents", json=payloads.agent("a1"))
    closed = manager.post(
        "/api/v1/sites/paris/periods",
        json={"first_day": payloads.FIRST_DAY, "availability_closes_at": "2020-01-01T00:00Z"},
    ).json()
    assert closed["availability_open"] is False
    agent = client_for("agent", "a1")
    response = agent.post(_path(closed["id"]), json={"windows": [_window(7, "08:00", "12:00")]})
    assert response.status_code == 409
    assert "closed" in response.json()["detail"][0]["msg"]


def test_too_many_windows_is_refused(agent: TestClient, period_id: int) -> None:
    windows = [
        {"start": f"2030-01-07T08:{m:02d}", "end": f"2030-01-07T08:{m:02d}:30"} for m in range(59)
    ] * 4
    response = agent.post(_path(period_id), json={"windows": windows})
    assert response.status_code == 422
    assert "limit of 200" in response.json()["detail"][0]["msg"]


def test_an_agent_cannot_touch_another_agents_availability(
    agent: TestClient, period_id: int
) -> None:
    response = agent.post(_path(period_id, "a2"), json={"windows": [_window(7, "08:00", "09:00")]})
    assert response.status_code == 403
    assert agent.get(_path(period_id, "a2")).status_code == 403


def test_planner_reads_but_cannot_change(planner: TestClient, period_id: int) -> None:
    assert planner.get(_path(period_id)).status_code == 200
    response = planner.post(_path(period_id), json={"windows": [_window(7, "08:00", "09:00")]})
    assert response.status_code == 403
