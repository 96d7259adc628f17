"""A published week to ask requests on: site paris, queue fr-support needing 2 agents
08:00-16:00 (Paris) Monday to Friday, agents a1 and a2 working it, a3 (or others) free to pick up.

The roster is written by hand and published through the one ``publish`` with the figures of
the real verifier (``api.solves.worker.stored_figures``), so it is what a solve would store.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from api.auth.keys import CLI_ACTOR
from api.db.database import Database
from api.db.models import Roster, RosterShift
from api.rosters.publication import publish
from api.rosters.solver_shifts import solver_shift
from api.solves.snapshot import build_problem
from api.solves.worker import stored_figures
from solver.roster import Roster as SolverRoster
from solver.verifier import verify
from tests.api import payloads
from tests.api.story import Http

MONDAY_UTC = datetime(2030, 1, 7, tzinfo=UTC)  # 01:00 in Paris (UTC+1 in January)
WORKERS = ("a1", "a2")


def at(day: int, hour: float) -> datetime:
    """Day ``day`` of the week (0 = Monday) at ``hour`` Paris time, as UTC."""
    return MONDAY_UTC + timedelta(days=day, hours=hour - 1)


def iso(day: int, hour: float) -> str:
    return at(day, hour).isoformat().replace("+00:00", "Z")


def shift(agent_id: str, day: int) -> dict[str, Any]:
    """08:00-16:00 with a break 12:00-12:30."""
    return {
        "agent_id": agent_id,
        "start": at(day, 8),
        "end": at(day, 16),
        "breaks": [{"start": iso(day, 12), "end": iso(day, 12.5)}],
        "activities": [
            {"queue": "fr-support", "start": iso(day, 8), "end": iso(day, 12)},
            {"queue": "fr-support", "start": iso(day, 12.5), "end": iso(day, 16)},
        ],
    }


def set_up_week(
    manager: Http,
    database: Database,
    policy: dict[str, Any] | None = None,
    free: tuple[str, ...] = ("a3",),
) -> int:
    """The site, agents (a1, a2 working, ``free`` not), availability, demand and a published
    version 1; the period id."""
    assert manager.post("/api/v1/sites", json=payloads.site()).status_code == 201
    assert manager.post("/api/v1/sites/paris/queues", json=payloads.queue()).status_code == 201
    contract = {"min_hours_per_week": 0, "max_hours_per_week": 40}
    for agent_id in (*WORKERS, *free):
        body = payloads.agent(agent_id, contract=contract)
        assert manager.post("/api/v1/agents", json=body).status_code == 201
    period = manager.post(
        "/api/v1/sites/paris/periods", json={"first_day": payloads.FIRST_DAY, "days": 7}
    )
    assert period.status_code == 201, period.text
    period_id = int(period.json()["id"])
    windows = [
        {"start": f"2030-01-{7 + d:02d}T07:00", "end": f"2030-01-{7 + d:02d}T20:00"}
        for d in range(6)
    ]
    for agent_id in (*WORKERS, *free):
        response = manager.put(
            f"/api/v1/periods/{period_id}/availability/{agent_id}", json={"windows": windows}
        )
        assert response.status_code == 200, response.text
    demand = [
        {"queue": "fr-support", "start": f"2030-01-{7 + d:02d}T08:00", "required": [2] * 16}
        for d in range(5)
    ]
    response = manager.put(f"/api/v1/periods/{period_id}/demand", json={"series": demand})
    assert response.status_code == 200, response.text
    if policy is not None:
        response = manager.put("/api/v1/sites/paris/request-policy", json=policy)
        assert response.status_code == 200, response.text
    publish_by_hand(database, period_id, [shift(a, d) for a in WORKERS for d in range(5)])
    return period_id


def publish_by_hand(database: Database, period_id: int, shifts: list[dict[str, Any]]) -> None:
    with database.session(write=True) as session:
        roster = Roster(period_id=period_id, kpis={})
        session.add(roster)
        session.flush()
        stored = [RosterShift(roster_id=roster.id, **s) for s in shifts]
        session.add_all(stored)
        session.flush()
        report = verify(
            build_problem(session, period_id), SolverRoster(shifts=list(map(solver_shift, stored)))
        )
        assert report.ok, report.violations
        roster.kpis = stored_figures(report)
        roster.verified_ok = True
        publish(session, CLI_ACTOR, roster.id)


def verify_published(database: Database, period_id: int) -> tuple[int, list[str]]:
    """The newest published version and the whole-roster verifier's violations on it."""
    from api.rosters import repository

    with database.session() as session:
        roster = repository.published(session, period_id)
        assert roster is not None and roster.version is not None
        shifts = repository.shifts(session, roster.id)
        report = verify(
            build_problem(session, period_id), SolverRoster(shifts=list(map(solver_shift, shifts)))
        )
        return roster.version, [str(v) for v in report.violations]
