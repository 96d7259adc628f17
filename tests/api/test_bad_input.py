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


def _refused(response: Any, field: str, status: int = 422) -> str:
    """The error's message, after checking it is the project's format naming ``field``."""
    assert response.status_code == status, response.text
    [item] = response.json()["detail"]
    assert item["field"] == field, item
    assert set(item) == {"loc", "field", "msg", "type"}
    return str(item["msg"])


# Issue 12 item 7: extreme weights brick a period.


def test_weights_beyond_what_the_model_represents_are_refused(
    manager: TestClient, period_id: int
) -> None:
    message = _refused(
        manager.patch("/api/v1/sites/paris", json={"weights": {"unmet_demand": 1e308}}),
        "weights.unmet_demand",
    )
    assert "1000000" in message
    site = payloads.site("lyon") | {"weights": {"changed_shift": 2e6}}
    _refused(manager.post("/api/v1/sites", json=site), "weights.changed_shift")
    _refused(
        manager.put(f"/api/v1/periods/{period_id}/weights", json={"labour_cost": 1e7}),
        "labour_cost",
    )
    _refused(
        manager.put(f"/api/v1/periods/{period_id}/weights", json={"overstaffing": -1}),
        "overstaffing",
    )
    assert manager.get(f"/api/v1/periods/{period_id}/weights").json()["unmet_demand"] == 1000


def test_a_manager_changes_the_weights_of_a_period(manager: TestClient, period_id: int) -> None:
    response = manager.put(
        f"/api/v1/periods/{period_id}/weights", json={"unmet_demand": 1e6, "overstaffing": 3}
    )
    assert response.status_code == 200, response.text
    assert response.json()["unmet_demand"] == 1e6
    assert manager.get(f"/api/v1/periods/{period_id}/weights").json()["overstaffing"] == 3
    assert manager.get(f"/api/v1/periods/{period_id}").json()["weights"]["overstaffing"] == 3
    snapshot = manager.get(f"/api/v1/periods/{period_id}/problem.json").json()
    assert snapshot["weights"]["unmet_demand"] == 1e6
    assert manager.get("/api/v1/sites/paris").json()["weights"]["unmet_demand"] == 1000


# Issue 12 item 10.


def test_a_country_outside_iso_3166_is_refused(manager: TestClient, period_id: int) -> None:
    message = _refused(
        manager.post("/api/v1/agents", json=payloads.agent("z1", country="ZZ")), "country"
    )
    assert "ISO 3166-1" in message
    _refused(manager.patch("/api/v1/agents/a1", json={"country": "ZZ"}), "country")
    _refused(
        manager.patch("/api/v1/queues/fr-support", json={"countries": ["FR", "ZZ"]}),
        "countries[1]",
    )
    body = payloads.queue("be") | {"countries": ["BE"]}
    assert manager.post("/api/v1/sites/paris/queues", json=body).status_code == 201


@pytest.mark.parametrize("cost", [1e-320, 0, 0.001, 10_000.01, 1e308])
def test_hourly_costs_outside_the_representable_range_are_refused(
    manager: TestClient, period_id: int, cost: float
) -> None:
    body = payloads.agent("c1", hourly_cost=cost)
    _refused(manager.post("/api/v1/agents", json=body), "hourly_cost")
    _refused(manager.patch("/api/v1/agents/a1", json={"hourly_cost": cost}), "hourly_cost")


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/api/v1/periods/{p}/solves", {"time_limit_seconds": True}, "time_limit_seconds"),
        ("POST", "/api/v1/periods/{p}/solves", {"time_limit_seconds": "5"}, "time_limit_seconds"),
        ("POST", "/api/v1/periods/{p}/solves", {"num_workers": False}, "num_workers"),
        ("PATCH", "/api/v1/agents/a1", {"hourly_cost": "14"}, "hourly_cost"),
        ("PATCH", "/api/v1/agents/a1", {"remove_aid_cap": 1}, "remove_aid_cap"),
        ("PATCH", "/api/v1/agents/a1", {"active": "false"}, "active"),
        (
            "PATCH",
            "/api/v1/agents/a1",
            {"contract": {"max_hours_per_week": True}},
            "contract.max_hours_per_week",
        ),
        ("PUT", "/api/v1/periods/{p}/rules", {"min_shift_minutes": "120"}, "min_shift_minutes"),
        ("PUT", "/api/v1/periods/{p}/weights", {"unmet_demand": True}, "unmet_demand"),
        (
            "PUT",
            "/api/v1/periods/{p}/demand",
            {"series": [{"queue": "fr-support", "start": "2030-01-07T08:00", "required": [True]}]},
            "series[0].required",
        ),
    ],
)
def test_json_booleans_and_strings_are_not_numbers(
    manager: TestClient, period_id: int, method: str, path: str, body: Any, field: str
) -> None:
    url = path.replace("{p}", str(period_id))
    message = _refused(manager.request(method, url, json=body), field)
    assert "must be" in message


def test_the_same_absence_posted_twice_is_stored_once(manager: TestClient, period_id: int) -> None:
    body = {
        "agent_id": "a1",
        "start": "2030-01-08T08:00+01:00",
        "end": "2030-01-08T12:00+01:00",
        "reason": "sick child",
    }
    first = manager.post("/api/v1/absences", json=body)
    assert first.status_code == 201, first.text
    same_instant = body | {"start": "2030-01-08T07:00Z", "end": "2030-01-08T11:00Z"}
    again = manager.post("/api/v1/absences", json=same_instant)
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first.json()["id"]
    other = manager.post("/api/v1/absences", json=body | {"reason": "doctor"})
    assert other.status_code == 201
    listed = manager.get("/api/v1/absences", params={"agent_id": "a1"}).json()
    assert len(listed) == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"name": ', "is not valid JSON"),
        (b'{"name": "\xff\xfe"}', "UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
    ],
)
def test_unparsable_bodies_get_the_error_format(
    manager: TestClient, period_id: int, content: bytes, reason: str
) -> None:
    response = manager.patch(
        "/api/v1/sites/paris", content=content, headers={"Content-Type": "application/json"}
    )
    message = _refused(response, "body")
    assert reason in message


def test_a_chunked_oversized_body_is_413_in_the_error_format(manager: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(50):
            yield b" " * 10_000

    response = manager.post(
        "/api/v1/sites", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "larger than" in _refused(response, "body", 413)


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/v1/periods/{p}/weights", {"GET", "PUT", "OPTIONS"}),
        ("/api/v1/queues/fr-support", {"GET", "PATCH", "DELETE", "OPTIONS"}),
        ("/api/v1/sites", {"GET", "POST", "OPTIONS"}),
    ],
)
def test_options_lists_every_method_of_the_path(
    manager: TestClient, period_id: int, path: str, methods: set[str]
) -> None:
    url = path.replace("{p}", str(period_id))
    response = manager.options(url)
    assert response.status_code == 204, response.text
    assert set(response.headers["allow"].split(", ")) == methods
    refused = manager.request("HEAD", url)
    assert refused.status_code == 405
    assert set(refused.headers["allow"].split(", ")) == methods
    body = manager.post(url, json={}) if "POST" not in methods else manager.put(url, json={})
    assert body.status_code == 405
    assert body.json()["detail"][0]["type"] == "method_not_allowed"


def test_an_unknown_api_path_is_404_in_the_error_format(manager: TestClient) -> None:
    assert "no such path" in _refused(manager.get("/api/v1/nowhere"), "path", 404)
