"""Swaps: a named colleague or the list the system proposes (best first), both agree, the
result checked whole by the verifier; who sees the offer; a manager's approval."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.conftest import ClientFor
from tests.api.requests_site import (
    WORKERS,
    at,
    iso,
    publish_by_hand,
    set_up_week,
    shift,
    verify_published,
)

OPEN = {"min_coverage_ratio": 0}


def _shift_id(client: TestClient, agent_id: str, start: str) -> int:
    shifts = client.get(f"/api/v1/agents/{agent_id}/shifts").json()["shifts"]
    return int(next(s["id"] for s in shifts if s["start"] == start))


def _offer(client: TestClient, agent_id: str, **body: Any) -> Any:
    return client.post(f"/api/v1/agents/{agent_id}/requests/swap", json=body)


def test_a_named_colleague_accepts_and_a_new_version_is_published(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, OPEN)
    a1, a2, a3 = (client_for("agent", a) for a in ("a1", "a2", "a3"))
    offered = _offer(a1, "a1", shift_id=_shift_id(a1, "a1", iso(1, 8)), colleague_id="a3")
    assert offered.status_code == 201, offered.text
    body = offered.json()
    assert (body["status"], body["decision"]) == ("offered", "Waiting for a3 to accept.")
    assert [r["id"] for r in a3.get("/api/v1/agents/a3/swap-offers").json()] == [body["id"]]
    assert a3.get(f"/api/v1/requests/{body['id']}").status_code == 200, "offered to a3"
    assert a2.get(f"/api/v1/requests/{body['id']}").status_code == 404
    assert a2.post(f"/api/v1/requests/{body['id']}/accept").status_code == 404
    assert a3.post(f"/api/v1/requests/{body['id']}/withdraw").status_code == 403
    accepted = a3.post(f"/api/v1/requests/{body['id']}/accept").json()
    assert (accepted["status"], accepted["version"]) == ("approved", 2), accepted
    assert verify_published(database, period_id) == (2, [])
    mine = [s["start"] for s in a3.get("/api/v1/agents/a3/shifts").json()["shifts"]]
    assert mine == [iso(1, 8)]
    assert a3.post(f"/api/v1/requests/{body['id']}/accept").status_code == 409


def test_a_colleague_the_rules_forbid_is_refused_and_nothing_written(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, OPEN)
    a1 = client_for("agent", "a1")
    response = _offer(a1, "a1", shift_id=_shift_id(a1, "a1", iso(1, 8)), colleague_id="a2")
    assert response.status_code == 409
    assert "you and a2 cannot swap" in response.json()["detail"][0]["msg"]
    assert a1.get("/api/v1/agents/a1/requests").json() == []
    unknown = _offer(a1, "a1", shift_id=_shift_id(a1, "a1", iso(1, 8)), colleague_id="zz")
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["field"] == "colleague_id"


def test_the_proposed_list_holds_only_legal_takers_furthest_below_their_minimum_first(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, OPEN, free=("a3", "a4"))
    contract = {"contract": {"min_hours_per_week": 20, "max_hours_per_week": 40}}
    assert manager.patch("/api/v1/agents/a4", json=contract).status_code == 200
    a1 = client_for("agent", "a1")
    body = _offer(a1, "a1", shift_id=_shift_id(a1, "a1", iso(2, 8))).json()
    assert body["candidates"] == ["a4", "a3"], "a2 already works Wednesday"
    accepted = client_for("agent", "a3").post(f"/api/v1/requests/{body['id']}/accept").json()
    assert accepted["status"] == "approved" and accepted["colleague_id"] == "a3"
    assert client_for("agent", "a4").get("/api/v1/agents/a4/swap-offers").json() == []


def test_an_exchange_moves_both_shifts(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, OPEN)
    saturday = {
        "agent_id": "a3",
        "start": at(5, 9),
        "end": at(5, 15),
        "breaks": [],
        "activities": [{"queue": "fr-support", "start": iso(5, 9), "end": iso(5, 15)}],
    }
    publish_by_hand(
        database, period_id, [*(shift(a, d) for a in WORKERS for d in range(5)), saturday]
    )
    a1, a3 = client_for("agent", "a1"), client_for("agent", "a3")
    body = _offer(
        a1,
        "a1",
        shift_id=_shift_id(a1, "a1", iso(1, 8)),
        colleague_id="a3",
        their_shift_id=_shift_id(a3, "a3", iso(5, 9)),
    ).json()
    accepted = a3.post(f"/api/v1/requests/{body['id']}/accept").json()
    assert (accepted["status"], accepted["version"]) == ("approved", 3), accepted
    assert [s["start"] for s in a3.get("/api/v1/agents/a3/shifts").json()["shifts"]] == [iso(1, 8)]
    assert iso(5, 9) in [s["start"] for s in a1.get("/api/v1/agents/a1/shifts").json()["shifts"]]
    assert verify_published(database, period_id) == (3, [])


def test_a_manual_swap_waits_for_a_manager_who_approves_it_on_the_newest_version(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, {**OPEN, "modes": {"swap": "manual"}})
    a1, a2, a3 = (client_for("agent", a) for a in ("a1", "a2", "a3"))
    body = _offer(a1, "a1", shift_id=_shift_id(a1, "a1", iso(1, 8)), colleague_id="a3").json()
    # another request publishes v2 meanwhile: the swap finds its shift again by its hours
    dropped = a2.post(
        "/api/v1/agents/a2/requests/drop", json={"shift_id": _shift_id(a2, "a2", iso(3, 8))}
    )
    assert dropped.json()["status"] == "approved"
    waiting = a3.post(f"/api/v1/requests/{body['id']}/accept").json()
    assert (waiting["status"], waiting["decision"]) == (
        "pending",
        "A manager answers every request for swapping shifts here.",
    )
    approved = manager.post(f"/api/v1/requests/{body['id']}/approve").json()
    assert (approved["status"], approved["version"]) == ("approved", 3)
    assert verify_published(database, period_id) == (3, [])


def test_an_offered_swap_can_be_withdrawn_by_its_agent(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, OPEN)
    a1, a3 = client_for("agent", "a1"), client_for("agent", "a3")
    body = _offer(a1, "a1", shift_id=_shift_id(a1, "a1", iso(1, 8)), colleague_id="a3").json()
    assert a1.post(f"/api/v1/requests/{body['id']}/withdraw").json()["status"] == "withdrawn"
    assert a3.post(f"/api/v1/requests/{body['id']}/accept").status_code == 409
    assert a3.get("/api/v1/agents/a3/swap-offers").json() == []
