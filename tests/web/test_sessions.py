"""Web sessions end where they should: at logout, with the agent, and never over plain HTTP
when the deployment says it is behind TLS."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from api.app import create_app
from api.db.base import utc_now
from api.db.database import Database
from api.db.models import Agent, ApiKey, WebSession
from api.settings import Settings
from tests.api.conftest import mint
from tests.web.conftest import LoginAs, add_roster, csrf_of

COOKIE = "homeshore_session"


def _replay(app: FastAPI, cookie: str) -> TestClient:
    """A second browser presenting a copied cookie (what an attacker who kept it would do)."""
    return TestClient(app, follow_redirects=False, cookies={COOKIE: cookie})


def _feed_path(browser: TestClient, csrf: str) -> str:
    page = browser.post("/me/calendar-feed", data={"csrf_token": csrf})
    url = page.text.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
    return url.replace("http://testserver", "")


def _session_rows(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(WebSession)) or 0


def test_logout_ends_the_session_on_the_server(login_as: LoginAs, app: FastAPI) -> None:
    manager, csrf = login_as("manager")
    cookie = manager.cookies[COOKIE]
    other, _ = login_as("manager")
    assert _replay(app, cookie).get("/api/v1/me").status_code == 200
    assert manager.post("/logout", data={"csrf_token": csrf}).status_code == 303
    replay = _replay(app, cookie)
    assert replay.get("/api/v1/me").status_code == 401
    assert replay.get("/manage").status_code == 303
    assert other.get("/api/v1/me").status_code == 200


def test_expired_session_rows_are_removed(login_as: LoginAs, database: Database) -> None:
    login_as("manager")
    login_as("planner")
    assert _session_rows(database) == 2
    with database.session(write=True) as session:
        session.execute(update(WebSession).values(expires_at=utc_now() - timedelta(minutes=1)))
    login_as("manager")
    assert _session_rows(database) == 1


@pytest.mark.parametrize("how", ["delete", "patch"])
def test_deactivating_an_agent_ends_their_sessions_and_calendar_feed(
    login_as: LoginAs,
    manager: TestClient,
    database: Database,
    period_id: int,
    app: FastAPI,
    how: str,
) -> None:
    add_roster(database, period_id, version=1, hour=7)
    browser, csrf = login_as("agent", "a1")
    feed = _feed_path(browser, csrf)
    anonymous = TestClient(app)
    assert anonymous.get(feed).status_code == 200
    if how == "delete":
        assert manager.delete("/api/v1/agents/a1").status_code == 204
    else:
        assert manager.patch("/api/v1/agents/a1", json={"active": False}).status_code == 200
    assert browser.get("/api/v1/me").status_code == 401
    assert browser.get("/me/shifts").status_code == 303
    assert anonymous.get(feed).status_code == 404
    assert manager.patch("/api/v1/agents/a1", json={"active": True}).status_code == 200
    assert browser.get("/api/v1/me").status_code == 401
    assert anonymous.get(feed).status_code == 404


def test_the_calendar_feed_ends_with_the_key_that_made_it(
    login_as: LoginAs, database: Database, period_id: int, app: FastAPI
) -> None:
    add_roster(database, period_id, version=1, hour=7)
    browser, csrf = login_as("agent", "a1")
    feed = _feed_path(browser, csrf)
    anonymous = TestClient(app)
    assert anonymous.get(feed).status_code == 200
    with database.session(write=True) as session:
        session.execute(update(ApiKey).where(ApiKey.agent_id == "a1").values(revoked_at=utc_now()))
    assert anonymous.get(feed).status_code == 404


def test_the_calendar_feed_of_an_inactive_agent_is_refused(
    login_as: LoginAs, database: Database, period_id: int, app: FastAPI
) -> None:
    """Defence in depth: even if the feed's hash were left behind, an inactive agent has none."""
    add_roster(database, period_id, version=1, hour=7)
    browser, csrf = login_as("agent", "a1")
    feed = _feed_path(browser, csrf)
    with database.session(write=True) as session:
        session.execute(update(Agent).where(Agent.id == "a1").values(active=False))
    assert TestClient(app).get(feed).status_code == 404
    assert browser.get("/api/v1/me").status_code == 401


@pytest.mark.parametrize("behind_tls", [True, False])
def test_the_cookie_is_secure_whenever_the_deployment_is_behind_tls(
    settings: Settings, database: Database, behind_tls: bool
) -> None:
    app = create_app(settings.model_copy(update={"behind_tls": behind_tls}), database)
    try:
        browser = TestClient(app, base_url="http://testserver", follow_redirects=False)
        response = browser.post("/login", data={"key": mint(database, "manager")})
        assert response.status_code == 303
        assert ("secure" in response.headers["set-cookie"].lower()) is behind_tls
        # A browser would not send a Secure cookie back over http; a proxy's hop does.
        cookie = {"Cookie": response.headers["set-cookie"].split(";")[0]}
        browser.cookies.clear()
        csrf = csrf_of(browser.get("/manage", headers=cookie).text)
        logout = browser.post("/logout", data={"csrf_token": csrf}, headers=cookie)
        assert logout.status_code == 303
        assert ("secure" in logout.headers["set-cookie"].lower()) is behind_tls
    finally:
        app.state.solve_execution.shutdown()
