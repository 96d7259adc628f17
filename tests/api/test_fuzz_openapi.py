"""Property-based fuzzing of every operation from the OpenAPI schema (schemathesis).

Requests are made as a manager on the seeded site, so generated data reaches the services
rather than stopping at authentication. Demanded of every operation: no 5xx, and responses
with documented status codes and bodies. Starting a solve is left out (each example would launch
a real solver process); test_solves.py covers it. Examples are bounded and derandomised, so
the run is short and repeatable.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.db.database import Database
from api.db.models import Roster, RosterShift
from api.settings import Settings
from tests.api.conftest import mint

EXAMPLES = int(os.environ.get("HOMESHORE_FUZZ_EXAMPLES", "12"))
_SKIPPED = {("post", "/api/v1/periods/{period_id}/solves")}
OPERATIONS = sorted(
    (method, path)
    for path, item in create_app(Settings(environment="test")).openapi()["paths"].items()
    for method in item
    if (method, path) not in _SKIPPED
)


@pytest.fixture
def rosters(database: Database, period_id: int) -> None:
    """A published version and a draft, so roster routes have data to work on."""
    start = datetime(2030, 1, 7, 8, tzinfo=UTC)
    with database.session(write=True) as session:
        for version in (1, None):
            roster = Roster(period_id=period_id, version=version, kpis={}, verified_ok=True)
            if version is not None:
                roster.published_at = start
            session.add(roster)
            session.flush()
            session.add(
                RosterShift(
                    roster_id=roster.id,
                    agent_id="a1",
                    start=start,
                    end=start + timedelta(hours=4),
                    breaks=[],
                    activities=[
                        {
                            "start": start.isoformat(),
                            "end": (start + timedelta(hours=4)).isoformat(),
                            "queue": "fr-support",
                        }
                    ],
                )
            )


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@pytest.mark.usefixtures("rosters")
def test_no_server_errors(
    app: FastAPI, database: Database, period_id: int, method: str, path: str
) -> None:
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method.upper()]
    headers = {"Authorization": f"Bearer {mint(database, 'manager')}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate(
            headers=headers,
            checks=[not_a_server_error, response_schema_conformance, status_code_conformance],
        )

    fuzz()
