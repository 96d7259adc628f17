"""Inputs the fuzzer and reviews found: each gets a 4xx naming the field, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api import payloads
from tests.api.conftest import ClientFor

FAR = ("0001-01-01", "9999-12-31")


@pytest.mark.parametrize("day", FAR)
def test_far_dates_are_refused_by_field(
    manager: TestClient, client_for: ClientFor, period_id: int, day: str
) -> None:
    cases: list[tuple[TestClient, str, str, Any, str]] = [
        (
            client_for("agent", "a1"),
            "POST",
            f"/api/v1/periods/{period_id}/availability/a1",
            {"windows": [{"start": f"{day}T10:00", "end": f"{day}T11:00"}]},
            "windows[0].start",
        ),
        (manager, "POST", "/api/v1/sites/paris/periods", {"first_day": day}, "first_day"),
        (
            manager,
            "POST",
            "/api/v1/absences",
            {"agent_id": "a1", "start": f"{day}T10:00Z", "end": f"{day}T11:00Z", "reason": "x"},
            "start",
        ),
        (
            manager,
            "PUT",
            f"/api/v1/periods/{period_id}/demand",
            {"series": [{"queue": "fr-support", "start": f"{day}T10:00", "required": [1]}]},
            "series[0].start",
        ),
        (manager, "GET", f"/api/v1/rosters/1?day={day}", None, "day"),
    ]
    for client, method, url, body, field in cases:
        response = client.request(method, url, json=body)
        assert response.status_code == 422, (url, response.text)
        assert response.json()["detail"][0]["field"] == field
        assert "between 1900-01-01 and 2199-12-31" in response.json()["detail"][0]["msg"]


def test_nul_characters_are_refused(manager: TestClient) -> None:
    body = {
        "id": "lyon",
        "name": "Ly\x00on",
        "time_zone": "Europe/Paris",
        "opening_hours": [{"weekdays": [0], "open": "08:00", "close": "20:00"}],
    }
    response = manager.post("/api/v1/sites", json=body)
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/periods/99999999999/demand", "/api/v1/sites/a%00b", "/api/v1/agents?site_id=%00"],
)
def test_out_of_range_path_values_are_422(manager: TestClient, path: str) -> None:
    assert manager.get(path).status_code == 422


def test_unknown_fields_are_refused_not_ignored(manager: TestClient, period_id: int) -> None:
    response = manager.patch("/api/v1/agents/a1", json={"contrat": {"max_hours_per_week": 1}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "contrat"


def test_a_site_without_queues_has_nothing_to_plan(manager: TestClient) -> None:
    manager.post("/api/v1/sites", json=payloads.site("empty"))
    period = manager.post("/api/v1/sites/empty/periods", json={"first_day": "2030-01-07"}).json()
    for method, path in (
        ("GET", f"/api/v1/periods/{period['id']}/problem.json"),
        ("POST", f"/api/v1/periods/{period['id']}/solves"),
    ):
        response = manager.request(method, path, json={} if method == "POST" else None)
        assert response.status_code == 422, response.text
        assert response.json()["detail"][0]["field"] == "queues"
