"""API test fixtures: a real migrated database, each test inside a rolled-back transaction.

``client`` talks HTTP to the app through TestClient. Its requests' sessions join the test's
outer transaction as savepoints, so a request that fails rolls back to where it began (as in
production) and the whole test is undone at the end. Tests that need separate connections
(concurrency, solves in another process) use ``live_database`` instead: a fresh database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from api.app import create_app
from api.auth import service as auth_service
from api.db.database import ConnectionBoundDatabase, Database
from api.server import serve_in_thread
from api.settings import Settings
from tests.api import payloads
from tests.api.databases import fresh_database

ClientFor = Callable[..., TestClient]


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with fresh_database(tmp_path_factory.mktemp("db")) as (_url, engine):
        yield engine


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            yield connection
        finally:
            transaction.rollback()


@pytest.fixture
def settings() -> Settings:
    return Settings(environment="test", database_url="sqlite://", max_request_bytes=200_000)


@pytest.fixture
def database(connection: Connection) -> Database:
    return ConnectionBoundDatabase(connection)


@pytest.fixture
def app(settings: Settings, database: Database) -> Iterator[FastAPI]:
    app = create_app(settings, database)
    yield app
    app.state.solve_execution.shutdown()


@pytest.fixture
def anonymous(app: FastAPI) -> TestClient:
    return TestClient(app)


def mint(database: Database, role: str, agent_id: str | None = None) -> str:
    with database.session(write=True) as session:
        _key, secret = auth_service.create_key(session, role, agent_id, label=f"test {role}")
    return secret


@pytest.fixture
def client_for(app: FastAPI, database: Database) -> Iterator[ClientFor]:
    """``client_for("manager")`` or ``client_for("agent", "a1")``: a client with its own key."""

    def make(role: str, agent_id: str | None = None) -> TestClient:
        secret = mint(database, role, agent_id)
        return TestClient(app, headers={"Authorization": f"Bearer {secret}"})

    yield make


@pytest.fixture
def manager(client_for: ClientFor) -> TestClient:
    return client_for("manager")


@pytest.fixture
def planner(client_for: ClientFor) -> TestClient:
    return client_for("planner")


@pytest.fixture
def live_database(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    """A fresh migrated database with real commits, for tests that need many connections."""
    with fresh_database(tmp_path) as (url, engine):
        yield url, Database(engine)


@pytest.fixture
def period_id(manager: TestClient) -> int:
    """Site 'paris' with queue fr-support, agents a1 and a2, and a 7-day period in 2030."""
    assert manager.post("/api/v1/sites", json=payloads.site()).status_code == 201
    assert manager.post("/api/v1/sites/paris/queues", json=payloads.queue()).status_code == 201
    for agent_id in ("a1", "a2"):
        response = manager.post("/api/v1/agents", json=payloads.agent(agent_id))
        assert response.status_code == 201, response.text
    response = manager.post(
        "/api/v1/sites/paris/periods", json={"first_day": payloads.FIRST_DAY, "days": 7}
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


@pytest.fixture
def live_server(
    live_database: tuple[str, Database], settings: Settings
) -> Iterator[tuple[str, Database]]:
    """The app served over real HTTP on loopback, on its own committed database."""
    url, database = live_database
    live_settings = settings.model_copy(update={"database_url": url})
    with serve_in_thread(create_app(live_settings, database)) as base_url:
        yield base_url, database
