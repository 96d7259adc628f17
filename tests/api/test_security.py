"""Issue 12 as an outsider sees it: malformed credentials, ended agents, secrets in logs, TLS.

Each test speaks real HTTP to the app (TestClient, or a live uvicorn for the access log) on
the test database, and would have failed before the fix it guards.
"""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import update

from api.app import create_app
from api.db.database import Database
from api.db.models import Agent
from api.server import serve_in_thread
from api.settings import Settings
from tests.api.conftest import ClientFor, mint

AVAILABILITY = "/api/v1/periods/{period}/availability/a1"
WINDOW = {"windows": [{"start": "2030-01-08T09:00", "end": "2030-01-08T13:00"}]}


def _unauthorized(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["detail"][0]["field"] == "authorization"


@pytest.fixture
def outsider(app: FastAPI) -> TestClient:
    """A client that sees a server error as the 500 an outsider gets, not as an exception."""
    return TestClient(app, raise_server_exceptions=False, follow_redirects=False)


@pytest.mark.parametrize(
    "cookie",
    [b"1.2.\xc3\xa9\xc3\xa8", b"\xff\xfe\xfd", b"1.2.3.\xe2\x82\xac", b"1.\x80.3.abc"],
    ids=["non-ascii-signature", "latin-1-bytes", "euro-sign", "non-ascii-expiry"],
)
def test_a_malformed_session_cookie_is_401_never_500(outsider: TestClient, cookie: bytes) -> None:
    headers = {"Cookie": b"homeshore_session=" + cookie}
    _unauthorized(outsider.get("/api/v1/me", headers=headers))
    _unauthorized(outsider.get("/api/v1/agents/a1/shifts", headers=headers))
    page = outsider.get("/me/shifts", headers=headers)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_a_non_ascii_csrf_token_is_refused_not_500(
    outsider: TestClient, database: Database
) -> None:
    login = outsider.post("/login", data={"key": mint(database, "manager")})
    assert login.status_code == 303
    response = outsider.post(
        "/api/v1/sites", json={}, headers={"X-CSRF-Token": b"\xc3\xa9t\xc3\xa9"}
    )
    assert response.status_code == 403, response.text
    assert "X-CSRF-Token" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    "authorization",
    [
        b"Bearer \xc3\xa9\xff",
        b"Bearer hs_\x80\x81",
        b"Bearer",
        b"Bearer a b c",
        b"Basic \xff\xfe",
        b"Bearer " + b"x" * 5000,
    ],
)
def test_a_malformed_bearer_header_is_401(outsider: TestClient, authorization: bytes) -> None:
    _unauthorized(outsider.get("/api/v1/me", headers={"Authorization": authorization}))


@pytest.mark.parametrize(
    "token",
    ["hsfeed_%C3%A9%C3%A8", "hsfeed_%ED%A0%80", "hsfeed_%00", "%FF%FE", "hsfeed_" + "A" * 300],
)
def test_a_malformed_calendar_feed_token_is_404(outsider: TestClient, token: str) -> None:
    response = outsider.get(f"/calendar/{token}.ics")
    assert response.status_code == 404, response.text


@pytest.mark.parametrize("how", ["delete", "patch"])
def test_a_deactivated_agents_key_reads_and_writes_nothing(
    manager: TestClient, client_for: ClientFor, period_id: int, how: str
) -> None:
    agent = client_for("agent", "a1")
    other = client_for("agent", "a2")
    assert agent.put(AVAILABILITY.format(period=period_id), json=WINDOW).status_code == 200
    if how == "delete":
        assert manager.delete("/api/v1/agents/a1").status_code == 204
    else:
        response = manager.patch("/api/v1/agents/a1", json={"active": False})
        assert response.status_code == 200, response.text
    _unauthorized(agent.get("/api/v1/me"))
    _unauthorized(agent.get("/api/v1/agents/a1/shifts"))
    _unauthorized(agent.put(AVAILABILITY.format(period=period_id), json=WINDOW))
    assert other.get("/api/v1/agents/a2/shifts").status_code == 200
    trail = manager.get("/api/v1/audit", params={"entity": "agent"}).json()
    ended = [e for e in trail if e["action"] == "end_credentials" and e["entity_id"] == "a1"]
    assert [e["detail"]["keys_revoked"] for e in ended] == [1]
    response = manager.patch("/api/v1/agents/a1", json={"active": True})
    assert response.status_code == 200, response.text
    _unauthorized(agent.get("/api/v1/agents/a1/shifts"))


def test_a_key_of_an_inactive_agent_is_refused_even_if_not_revoked(
    client_for: ClientFor, database: Database, period_id: int
) -> None:
    """Defence in depth: an agent made inactive behind the service's back still loses access."""
    agent = client_for("agent", "a1")
    assert agent.get("/api/v1/me").status_code == 200
    with database.session(write=True) as session:
        session.execute(update(Agent).where(Agent.id == "a1").values(active=False))
    _unauthorized(agent.get("/api/v1/me"))
    _unauthorized(agent.put(AVAILABILITY.format(period=period_id), json=WINDOW))


def test_logs_never_show_calendar_tokens_or_secret_query_values(
    live_database: tuple[str, Database], settings: Settings, capfd: pytest.CaptureFixture[str]
) -> None:
    url, database = live_database
    app = create_app(settings.model_copy(update={"database_url": url}), database)
    token = "hsfeed_" + "Zq9Secret" * 5
    with serve_in_thread(app, log_level="info") as base_url:
        assert httpx.get(f"{base_url}/calendar/{token}.ics").status_code == 404
        httpx.get(f"{base_url}/api/v1/me?access_token=QuerySecret42&lang=fr")
        logging.getLogger("api.app").warning("feed %s failed", f"{base_url}/calendar/{token}.ics")
        logging.getLogger("api.app").warning("key hs_Leaked123456789012345 was used")
    app.state.solve_execution.shutdown()
    out, err = capfd.readouterr()
    logged = out + err
    assert "GET /calendar/" in logged and "/api/v1/me?" in logged and "lang=fr" in logged
    assert "feed http" in logged and "was used" in logged
    for secret in ("Zq9Secret", "QuerySecret42", "Leaked123456789012345"):
        assert secret not in logged


def test_production_requires_saying_whether_it_is_behind_tls(tmp_path: Path) -> None:
    production = {
        "environment": "production",
        "database_url": "postgresql+psycopg://homeshore@db:5432/homeshore",
        "session_secret": "s" * 40,
        "_env_file": tmp_path / "none.env",
    }
    with pytest.raises(ValidationError, match="HOMESHORE_BEHIND_TLS"):
        Settings(**production)  # type: ignore[arg-type]
    assert Settings(**production, behind_tls=True).behind_tls  # type: ignore[arg-type]
    assert not Settings(environment="test", _env_file=tmp_path / "none.env").behind_tls  # type: ignore[call-arg]
