"""``/keys``: managers mint, list and revoke API keys; a revoked key stops working at once."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.conftest import mint


def _bearer(app: FastAPI, secret: str) -> TestClient:
    return TestClient(app, headers={"Authorization": f"Bearer {secret}"})


def test_a_minted_key_works_is_listed_without_its_secret_and_is_audited(
    app: FastAPI, manager: TestClient
) -> None:
    created = manager.post("/api/v1/keys", json={"role": "planner", "label": "Léa, planning"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["secret"].startswith("hs_") and body["prefix"] == body["secret"][:10]
    assert body["role"] == "planner" and body["revoked_at"] is None
    assert _bearer(app, body["secret"]).get("/api/v1/me").json()["role"] == "planner"
    listed = manager.get("/api/v1/keys")
    assert listed.status_code == 200
    row = next(k for k in listed.json() if k["id"] == body["id"])
    assert row["label"] == "Léa, planning" and "secret" not in row and "key_hash" not in row
    assert body["secret"] not in listed.text
    trail = manager.get("/api/v1/audit", params={"entity": "key"}).json()
    newest = trail[0]
    assert (newest["action"], newest["entity_id"], newest["actor_role"]) == (
        "create",
        str(body["id"]),
        "manager",
    )
    assert trail[0]["actor_key_id"] is not None


def test_a_revoked_key_is_refused_at_once_over_bearer_and_browser_session(
    app: FastAPI, manager: TestClient, database: Database
) -> None:
    secret = mint(database, "planner")
    browser = TestClient(app)
    assert browser.post("/login", data={"key": secret}, follow_redirects=False).status_code == 303
    assert browser.get("/api/v1/sites").status_code == 200
    bearer = _bearer(app, secret)
    assert bearer.get("/api/v1/sites").status_code == 200
    key_id = next(k["id"] for k in manager.get("/api/v1/keys").json() if k["prefix"] == secret[:10])
    revoked = manager.delete(f"/api/v1/keys/{key_id}")
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"] is not None
    refused = bearer.get("/api/v1/sites")
    assert refused.status_code == 401
    assert refused.json()["detail"][0]["msg"] == "unknown or revoked API key"
    assert browser.get("/api/v1/sites").status_code == 401
    trail = manager.get("/api/v1/audit", params={"entity": "key", "entity_id": str(key_id)})
    assert [e["action"] for e in trail.json()] == ["revoke"]


def test_revoking_twice_is_409_and_an_unknown_key_404(
    manager: TestClient, database: Database, period_id: int
) -> None:
    secret = mint(database, "agent", "a1")
    key_id = next(k["id"] for k in manager.get("/api/v1/keys").json() if k["prefix"] == secret[:10])
    assert manager.delete(f"/api/v1/keys/{key_id}").status_code == 200
    again = manager.delete(f"/api/v1/keys/{key_id}")
    assert again.status_code == 409
    item = again.json()["detail"][0]
    assert item["field"] == "key_id" and "already revoked" in item["msg"]
    missing = manager.delete("/api/v1/keys/99999")
    assert missing.status_code == 404
    assert missing.json()["detail"][0]["msg"] == "no key 99999"


def test_bad_key_requests_name_the_field(manager: TestClient, period_id: int) -> None:
    cases = [
        ({"role": "boss"}, "role"),
        ({"role": "agent"}, "agent_id"),
        ({"role": "agent", "agent_id": "nobody"}, "agent"),
        ({"role": "planner", "agent_id": "a1"}, "agent_id"),
        ({"role": "planner", "label": "x" * 201}, "label"),
        ({"role": "planner", "secret": "mine"}, "secret"),
    ]
    before = len(manager.get("/api/v1/keys").json())
    for body, field in cases:
        response = manager.post("/api/v1/keys", json=body)
        assert 400 <= response.status_code < 500, (body, response.text)
        assert response.json()["detail"][0]["field"] == field, (body, response.text)
    assert manager.delete("/api/v1/keys/abc").status_code == 422
    assert len(manager.get("/api/v1/keys").json()) == before
