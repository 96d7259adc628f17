"""Page fixtures: the API's rolled-back database and clients, plus logged-in browsers' cookies."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.db.database import Database
from api.db.models import Roster, RosterShift
from tests.api import payloads
from tests.api.conftest import (  # noqa: F401  (fixtures)
    anonymous,
    app,
    client_for,
    connection,
    database,
    engine,
    manager,
    mint,
    period_id,
    planner,
    settings,
)

LoginAs = Callable[..., tuple[TestClient, str]]


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "the page carries no CSRF token"
    return found.group(1)


@pytest.fixture
def login_as(app: FastAPI, database: Database) -> LoginAs:
    """``login_as("agent", "a1")``: a client logged in through /login, and its CSRF token."""

    def make(role: str, agent_id: str | None = None) -> tuple[TestClient, str]:
        client = TestClient(app, follow_redirects=False)
        response = client.post("/login", data={"key": mint(database, role, agent_id)})
        assert response.status_code == 303, response.text
        home = client.get(response.headers["location"])
        assert home.status_code == 200, home.text
        return client, csrf_of(home.text)

    return make


@pytest.fixture
def capped_agent(manager: TestClient, period_id: int) -> str:
    """Agent a3 of site paris, 4 h a day at most (disability-aid cap)."""
    body = payloads.agent("a3", aid_cap={"max_hours_per_week": 12, "max_hours_per_day": 4})
    response = manager.post("/api/v1/agents", json=body)
    assert response.status_code == 201, response.text
    return "a3"


def add_roster(database: Database, period_id: int, version: int | None, hour: int) -> int:
    """A roster of a1 working Monday ``hour``:00 to ``hour+4``:00 UTC on fr-support."""
    start = datetime(2030, 1, 7, hour, tzinfo=UTC)
    end = datetime(2030, 1, 7, hour + 4, tzinfo=UTC)
    slots = [f"2030-01-07T{h:02d}:{m:02d}:00" for h in range(8, 12) for m in (0, 30)]
    scheduled = [1] * (len(slots) - 2) + [0, 0]  # the last hour is under-staffed
    with database.session(write=True) as session:
        roster = Roster(
            period_id=period_id,
            version=version,
            published_at=datetime.now(UTC) if version else None,
            verified_ok=True,
            kpis={
                "slot_starts": slots,
                "queues": {
                    "fr-support": {
                        "required": [1] * len(slots),
                        "scheduled": scheduled,
                        "unmet": [1 - s for s in scheduled],
                        "over": [0] * len(slots),
                        "countries": [["FR"] if s else [] for s in scheduled],
                    }
                },
            },
        )
        session.add(roster)
        session.flush()
        session.add(
            RosterShift(
                roster_id=roster.id,
                agent_id="a1",
                start=start,
                end=end,
                breaks=[],
                activities=[
                    {"queue": "fr-support", "start": start.isoformat(), "end": end.isoformat()}
                ],
            )
        )
        return roster.id
