"""Who may do what: every endpoint against every role, including the denials.

Allowed callers must get past authorisation (any status but 401/403; a missing roster is a
404); everyone else gets 403, and a caller without a key 401. Starting a solve as a manager
is exercised over real HTTP in test_solves.py, so here it is only checked for denials.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api import payloads
from tests.api.conftest import ClientFor

M, P, A1, A2, T = "manager", "planner", "agent a1", "agent a2", "telephony"
ALL = (M, P, A1, A2)  # people: a telephony key reads caller notices and nothing else
STAFF = (M, P)
WINDOW = {"windows": [{"start": "2030-01-08T08:00", "end": "2030-01-08T09:00"}]}
ABSENCE = {
    "agent_id": "a1",
    "start": "2030-01-08T08:00Z",
    "end": "2030-01-08T09:00Z",
    "reason": "sick",
}
TIME_OFF = {"start": "2030-01-08T08:00Z", "end": "2030-01-08T09:00Z"}

# (method, path, body, roles allowed); {p} is the period id.
MATRIX: list[tuple[str, str, Any, tuple[str, ...]]] = [
    ("GET", "/api/v1/me", None, ALL),
    ("POST", "/api/v1/sites", payloads.site("lyon"), (M,)),
    ("GET", "/api/v1/sites", None, STAFF),
    ("GET", "/api/v1/sites/paris", None, STAFF),
    ("PATCH", "/api/v1/sites/paris", {"name": "Paris 2"}, (M,)),
    ("GET", "/api/v1/sites/paris/rules", None, STAFF),
    ("PUT", "/api/v1/sites/paris/rules", {}, (M,)),
    ("POST", "/api/v1/sites/paris/queues", payloads.queue("fr-sales", "fr"), (M,)),
    ("GET", "/api/v1/sites/paris/queues", None, STAFF),
    ("GET", "/api/v1/queues/fr-support", None, STAFF),
    ("PATCH", "/api/v1/queues/fr-support", {"priority": 2}, (M,)),
    ("DELETE", "/api/v1/queues/fr-support", None, (M,)),
    ("POST", "/api/v1/agents", payloads.agent("a9"), (M,)),
    ("GET", "/api/v1/agents", None, STAFF),
    ("POST", "/api/v1/agents/import.csv", None, (M,)),
    ("GET", "/api/v1/agents/a1", None, (M, P, A1)),
    ("PATCH", "/api/v1/agents/a1", {"contract": {"max_hours_per_week": 30}}, (M,)),
    ("DELETE", "/api/v1/agents/a1", None, (M,)),
    ("POST", "/api/v1/sites/paris/periods", {"first_day": "2030-02-04"}, (M,)),
    ("GET", "/api/v1/sites/paris/periods", None, STAFF),
    ("GET", "/api/v1/periods/{p}", None, ALL),
    ("PATCH", "/api/v1/periods/{p}", {"name": "week 2"}, (M,)),
    ("PUT", "/api/v1/periods/{p}/demand", {"series": []}, (M,)),
    ("GET", "/api/v1/periods/{p}/demand", None, STAFF),
    ("POST", "/api/v1/periods/{p}/scenarios", {"name": "what if"}, (M,)),
    ("GET", "/api/v1/periods/{p}/scenarios", None, STAFF),
    ("GET", "/api/v1/periods/{p}/scenarios/compare", None, STAFF),
    ("GET", "/api/v1/periods/{p}/rules", None, STAFF),
    ("PUT", "/api/v1/periods/{p}/rules", {"min_shift_minutes": 60}, (M,)),
    ("GET", "/api/v1/periods/{p}/weights", None, STAFF),
    ("PUT", "/api/v1/periods/{p}/weights", {"unmet_demand": 2000}, (M,)),
    ("PUT", "/api/v1/periods/{p}/demand.csv", None, (M,)),
    ("PUT", "/api/v1/periods/{p}/demand/history.csv", None, (M,)),
    ("GET", "/api/v1/periods/{p}/availability/a1", None, (M, P, A1)),
    ("POST", "/api/v1/periods/{p}/availability/a1", WINDOW, (M, A1)),
    ("POST", "/api/v1/periods/{p}/availability/a1/check", WINDOW, (M, A1)),
    ("PUT", "/api/v1/periods/{p}/availability/a1", WINDOW, (M, A1)),
    ("DELETE", "/api/v1/periods/{p}/availability/a1", None, (M, A1)),
    ("DELETE", "/api/v1/periods/{p}/availability/a1/windows/99999", None, (M, A1)),
    ("POST", "/api/v1/periods/{p}/solves", {"time_limit_seconds": 1}, (M,)),
    ("GET", "/api/v1/periods/{p}/solves", None, STAFF),
    ("GET", "/api/v1/periods/{p}/replans", None, STAFF),
    ("GET", "/api/v1/solves/99999", None, STAFF),
    ("GET", "/api/v1/solves/99999/problem.json", None, STAFF),
    ("POST", "/api/v1/solves/99999/cancel", None, (M,)),
    ("GET", "/api/v1/periods/{p}/problem.json", None, STAFF),
    ("GET", "/api/v1/periods/{p}/rosters", None, STAFF),
    ("GET", "/api/v1/periods/{p}/rosters/compare?base=1&other=2", None, STAFF),
    ("PUT", "/api/v1/rosters/99999/shifts/1/lock", {"locked": True}, (M,)),
    ("POST", "/api/v1/rosters/99999/edits", {"action": "delete", "shift_id": 1}, (M,)),
    ("GET", "/api/v1/rosters/99999", None, STAFF),
    ("GET", "/api/v1/rosters/99999/coverage", None, STAFF),
    ("GET", "/api/v1/rosters/99999/service-level", None, STAFF),
    ("POST", "/api/v1/rosters/99999/simulations", {}, STAFF),
    ("GET", "/api/v1/rosters/99999/simulations", None, STAFF),
    ("GET", "/api/v1/rosters/99999/simulations/99999", None, STAFF),
    ("POST", "/api/v1/rosters/99999/publish", None, (M,)),
    ("GET", "/api/v1/rosters/99999/roster.csv", None, STAFF),
    ("GET", "/api/v1/rosters/99999/roster.ics", None, STAFF),
    ("GET", "/api/v1/agents/a1/shifts", None, (M, P, A1)),
    ("GET", "/api/v1/agents/a1/shifts.ics", None, (M, P, A1)),
    ("POST", "/api/v1/absences", ABSENCE, STAFF),
    ("GET", "/api/v1/absences", None, STAFF),
    ("GET", "/api/v1/absences/99999", None, STAFF),
    ("GET", "/api/v1/sites/paris/request-policy", None, STAFF),
    ("PUT", "/api/v1/sites/paris/request-policy", {}, (M,)),
    ("POST", "/api/v1/agents/a1/requests/time-off", TIME_OFF, (M, A1)),
    ("POST", "/api/v1/agents/a1/requests/drop", {"shift_id": 99999}, (M, A1)),
    ("POST", "/api/v1/agents/a1/requests/pick-up", {"open_shift_id": 99999}, (M, A1)),
    ("POST", "/api/v1/agents/a1/requests/swap", {"shift_id": 99999}, (M, A1)),
    ("GET", "/api/v1/agents/a1/swap-offers", None, (M, P, A1)),
    (
        "POST",
        "/api/v1/agents/a1/requests/extra-hours",
        {"period_id": 99999, "windows": [WINDOW["windows"][0]]},
        (M, A1),
    ),
    ("POST", "/api/v1/requests/99999/accept", None, (A1, A2)),
    ("GET", "/api/v1/agents/a1/requests", None, (M, P, A1)),
    ("GET", "/api/v1/agents/a1/open-shifts", None, (M, P, A1)),
    ("GET", "/api/v1/periods/{p}/open-shifts", None, STAFF),
    ("POST", "/api/v1/periods/{p}/open-shifts", None, (M,)),
    ("GET", "/api/v1/requests", None, STAFF),
    ("GET", "/api/v1/requests/99999", None, ALL),
    ("POST", "/api/v1/requests/99999/withdraw", None, (M, A1, A2)),
    ("POST", "/api/v1/requests/99999/approve", None, (M,)),
    ("POST", "/api/v1/requests/99999/decline", None, (M,)),
    ("GET", "/api/v1/audit", None, STAFF),
    ("GET", "/api/v1/keys", None, (M,)),
    ("POST", "/api/v1/keys", {"role": "planner", "label": "matrix"}, (M,)),
    ("DELETE", "/api/v1/keys/99999", None, (M,)),
    ("GET", "/api/v1/queues/fr-support/caller-notice", None, (M, P, T)),
    ("GET", "/api/v1/queues/fr-support/caller-notice/day?date=2030-01-07", None, (M, P, T)),
]

DENIALS_ONLY = {("POST", "/api/v1/periods/{p}/solves")}


@pytest.fixture
def callers(
    client_for: ClientFor, manager: TestClient, planner: TestClient, period_id: int
) -> dict[str, TestClient]:
    return {
        M: manager,
        P: planner,
        A1: client_for("agent", "a1"),
        A2: client_for("agent", "a2"),
        T: client_for("telephony"),
    }


def test_every_route_is_in_the_matrix(anonymous: TestClient) -> None:
    routes = {
        (method, path)
        for path, item in anonymous.get("/openapi.json").json()["paths"].items()
        for method in item
    }
    covered = {(m.lower(), p.split("?")[0].replace("{p}", "{period_id}")) for m, p, _, _ in MATRIX}
    normalised = set()
    for method, path in routes:
        for name, value in (
            ("{site_id}", "paris"),
            ("{queue_id}", "fr-support"),
            ("{agent_id}", "a1"),
            ("{roster_id}", "99999"),
            ("{run_id}", "99999"),
            ("{absence_id}", "99999"),
            ("{window_id}", "99999"),
            ("{key_id}", "99999"),
            ("{request_id}", "99999"),
            ("{simulation_id}", "99999"),
            ("{shift_id}", "1"),
        ):
            path = path.replace(name, value)
        normalised.add((method, path))
    assert normalised == covered


@pytest.mark.parametrize(("method", "path", "body", "allowed"), MATRIX)
def test_role_matrix(
    callers: dict[str, TestClient],
    anonymous: TestClient,
    period_id: int,
    method: str,
    path: str,
    body: Any,
    allowed: tuple[str, ...],
) -> None:
    url = path.replace("{p}", str(period_id))
    kwargs = {"json": body} if body is not None else {}
    assert anonymous.request(method, url, **kwargs).status_code == 401
    for role, client in callers.items():
        if role in allowed:
            continue
        response = client.request(method, url, **kwargs)
        assert response.status_code == 403, (role, response.text)
    if (method, path) in DENIALS_ONLY:
        return
    for role in allowed:
        response = callers[role].request(method, url, **kwargs)
        assert response.status_code not in (401, 403), (role, response.text)
        assert response.status_code < 500, (role, response.text)
