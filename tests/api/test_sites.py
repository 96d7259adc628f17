"""Sites, rules and queues through HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api import payloads


def test_manager_creates_a_site_with_default_rules(manager: TestClient) -> None:
    response = manager.post("/api/v1/sites", json=payloads.site())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] == "paris"
    assert body["rules"]["min_shift_minutes"] == 120
    assert manager.get("/api/v1/sites/paris").json()["time_zone"] == "Europe/Paris"


def test_duplicate_site_is_a_conflict(manager: TestClient) -> None:
    assert manager.post("/api/v1/sites", json=payloads.site()).status_code == 201
    response = manager.post("/api/v1/sites", json=payloads.site())
    assert response.status_code == 409
    assert response.json()["detail"][0]["field"] == "id"


def test_unknown_time_zone_names_the_field(manager: TestClient) -> None:
    response = manager.post("/api/v1/sites", json={**payloads.site(), "time_zone": "Mars/Base"})
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["field"] == "time_zone"
    assert "Mars/Base" in issue["msg"]


def test_rules_are_replaced_and_checked(manager: TestClient) -> None:
    manager.post("/api/v1/sites", json=payloads.site())
    rules = manager.get("/api/v1/sites/paris/rules").json()
    rules["min_shift_minutes"] = 180
    assert manager.put("/api/v1/sites/paris/rules", json=rules).status_code == 200
    assert manager.get("/api/v1/sites/paris/rules").json()["min_shift_minutes"] == 180
    rules["min_shift_minutes"] = 600
    response = manager.put("/api/v1/sites/paris/rules", json=rules)
    assert response.status_code == 422
    assert "min_shift_minutes" in response.text


def test_queue_lifecycle(manager: TestClient) -> None:
    manager.post("/api/v1/sites", json=payloads.site())
    assert manager.post("/api/v1/sites/paris/queues", json=payloads.queue()).status_code == 201
    response = manager.patch("/api/v1/queues/fr-support", json={"priority": 2.5})
    assert response.json()["priority"] == 2.5
    assert [q["id"] for q in manager.get("/api/v1/sites/paris/queues").json()] == ["fr-support"]
    assert manager.delete("/api/v1/queues/fr-support").status_code == 204
    assert manager.get("/api/v1/queues/fr-support").status_code == 404


def test_queue_on_unknown_site_is_404(manager: TestClient) -> None:
    response = manager.post("/api/v1/sites/nowhere/queues", json=payloads.queue())
    assert response.status_code == 404


def test_without_a_key_is_401(anonymous: TestClient) -> None:
    response = anonymous.get("/api/v1/sites")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_huge_body_is_413(manager: TestClient) -> None:
    response = manager.post("/api/v1/sites", json={**payloads.site(), "name": "x" * 300_000})
    assert response.status_code == 413


def test_health_needs_no_key(anonymous: TestClient) -> None:
    response = anonymous.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
