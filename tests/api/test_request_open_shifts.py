"""Open shifts: freed hours offered only to agents who may legally work them, picked up as a
new version; drops; a manager's pending list, approval and decline; withdrawal; who sees what."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.conftest import ClientFor
from tests.api.requests_site import iso, set_up_week, verify_published

OPEN = {"min_coverage_ratio": 0}


def _free_tuesday(client: TestClient) -> None:
    response = client.post(
        "/api/v1/agents/a1/requests/time-off", json={"start": iso(1, 0), "end": iso(2, 0)}
    )
    assert response.json()["status"] == "approved", response.text


def test_only_agents_who_may_legally_work_it_see_it_and_one_picks_it_up(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, OPEN)
    a1, a2, a3 = (client_for("agent", a) for a in ("a1", "a2", "a3"))
    _free_tuesday(a1)
    assert a2.get("/api/v1/agents/a2/open-shifts").json() == [], (
        "a2 already works Tuesday and 37.5 h: the rules forbid a second shift"
    )
    assert a1.get("/api/v1/agents/a1/open-shifts").json() == [], "a1 is off (absence)"
    offered = a3.get("/api/v1/agents/a3/open-shifts").json()
    assert [o["start"] for o in offered] == [iso(1, 8)]
    response = a3.post(
        "/api/v1/agents/a3/requests/pick-up", json={"open_shift_id": offered[0]["id"]}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["status"], body["version"]) == ("approved", 3)
    assert verify_published(database, period_id) == (3, [])
    shifts = a3.get("/api/v1/agents/a3/shifts").json()["shifts"]
    assert [(s["start"], s["end"]) for s in shifts] == [(iso(1, 8), iso(1, 16))]
    assert manager.get(f"/api/v1/periods/{period_id}/open-shifts").json() == []
    again = a3.post("/api/v1/agents/a3/requests/pick-up", json={"open_shift_id": offered[0]["id"]})
    assert again.status_code == 409


def test_a_pick_up_the_rules_forbid_is_refused_and_nothing_is_written(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, OPEN)
    _free_tuesday(client_for("agent", "a1"))
    open_id = manager.get(f"/api/v1/periods/{period_id}/open-shifts").json()[0]["id"]
    a2 = client_for("agent", "a2")
    response = a2.post("/api/v1/agents/a2/requests/pick-up", json={"open_shift_id": open_id})
    assert response.status_code == 409
    reason = response.json()["detail"][0]["msg"]
    assert "contract_max_hours" in reason and "max_shifts_per_day" not in reason, (
        "the first rule broken is named"
    )
    assert a2.get("/api/v1/agents/a2/requests").json() == []
    assert verify_published(database, period_id)[0] == 2


def test_a_dropped_shift_becomes_an_open_shift(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, OPEN)
    a2 = client_for("agent", "a2")
    wednesday = a2.get("/api/v1/agents/a2/shifts").json()["shifts"][2]
    response = a2.post("/api/v1/agents/a2/requests/drop", json={"shift_id": wednesday["id"]})
    assert response.json()["status"] == "approved", response.text
    open_shifts = manager.get(f"/api/v1/periods/{period_id}/open-shifts").json()
    assert [(o["start"], o["end"]) for o in open_shifts] == [(wednesday["start"], wednesday["end"])]
    assert manager.get("/api/v1/absences?agent_id=a2").json() == [], "a drop is no absence"
    stale = a2.post("/api/v1/agents/a2/requests/drop", json={"shift_id": wednesday["id"]})
    assert stale.status_code == 409, "the shift is no longer in the newest version"


def test_a_manager_sees_the_pending_ones_with_their_impact_and_decides(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, {"min_coverage_ratio": 1})
    a1, a2 = client_for("agent", "a1"), client_for("agent", "a2")
    first = a1.post(
        "/api/v1/agents/a1/requests/time-off", json={"start": iso(1, 0), "end": iso(2, 0)}
    ).json()
    second = a2.post(
        "/api/v1/agents/a2/requests/time-off", json={"start": iso(3, 0), "end": iso(4, 0)}
    ).json()
    pending = manager.get("/api/v1/requests?status=pending").json()
    assert [r["id"] for r in pending] == [first["id"], second["id"]]
    assert pending[0]["impact"]["coverage"][0]["before"] == 2
    assert pending[0]["impact"]["cost"] == -105.0
    approved = manager.post(f"/api/v1/requests/{first['id']}/approve").json()
    assert (approved["status"], approved["version"]) == ("approved", 2)
    declined = manager.post(
        f"/api/v1/requests/{second['id']}/decline", json={"note": "Thursday is the sale."}
    ).json()
    assert (declined["status"], declined["decision"]) == (
        "declined",
        "Declined by a manager. Thursday is the sale.",
    )
    assert manager.post(f"/api/v1/requests/{second['id']}/approve").status_code == 409
    assert verify_published(database, period_id) == (2, [])
    actions = [e["action"] for e in manager.get("/api/v1/audit").json()]
    assert {"approve", "decline", "ask"} <= set(actions)


def test_a_request_can_be_withdrawn_until_decided_and_only_its_agent_sees_it(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, {"min_coverage_ratio": 1})
    a1, a2 = client_for("agent", "a1"), client_for("agent", "a2")
    asked = a1.post(
        "/api/v1/agents/a1/requests/time-off", json={"start": iso(1, 0), "end": iso(2, 0)}
    ).json()
    assert a2.get(f"/api/v1/requests/{asked['id']}").status_code == 404
    assert a2.post(f"/api/v1/requests/{asked['id']}/withdraw").status_code == 404
    assert a2.get("/api/v1/agents/a1/requests").status_code == 403
    assert (
        a2.post(
            "/api/v1/agents/a1/requests/time-off", json={"start": iso(1, 0), "end": iso(2, 0)}
        ).status_code
        == 403
    )
    withdrawn = a1.post(f"/api/v1/requests/{asked['id']}/withdraw").json()
    assert withdrawn["status"] == "withdrawn"
    assert a1.post(f"/api/v1/requests/{asked['id']}/withdraw").status_code == 409
    assert manager.post(f"/api/v1/requests/{asked['id']}/approve").status_code == 409


def test_bad_requests_name_the_field_and_write_nothing(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, OPEN)
    a1 = client_for("agent", "a1")
    cases = [
        ({"start": iso(2, 0), "end": iso(1, 0)}, "body"),
        ({"start": "2031-01-01T00:00Z", "end": "2031-01-02T00:00Z"}, "start"),
        ({"start": iso(6, 12), "end": iso(9, 0)}, "end"),
        ({"start": "2030-01-08T00:00", "end": iso(2, 0)}, "start"),
    ]
    for body, field in cases:
        response = a1.post("/api/v1/agents/a1/requests/time-off", json=body)
        assert response.status_code == 422, (body, response.text)
        assert field in response.json()["detail"][0]["field"], response.text
    bad_policy = manager.put(
        "/api/v1/sites/paris/request-policy", json={"queue_min_coverage_ratio": {"nope": 0.5}}
    )
    assert bad_policy.status_code == 422
    assert bad_policy.json()["detail"][0]["field"] == "queue_min_coverage_ratio.nope"
    assert a1.get("/api/v1/agents/a1/requests").json() == []
    assert (
        a1.post("/api/v1/agents/a1/requests/pick-up", json={"open_shift_id": 99999}).status_code
        == 404
    )


def test_unmet_demand_is_posted_as_open_shifts_once_in_legal_pieces(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    from tests.api.requests_site import WORKERS, publish_by_hand, shift

    period_id = set_up_week(manager, database, OPEN)
    publish_by_hand(
        database,
        period_id,
        [shift(a, d) for a in WORKERS for d in range(5) if (a, d) != ("a2", 0)],
    )
    url = f"/api/v1/periods/{period_id}/open-shifts"
    posted = manager.post(url)
    assert posted.status_code == 201, posted.text
    assert [(o["start"], o["end"], o["queues"]) for o in posted.json()] == [
        (iso(0, 8), iso(0, 14), ["fr-support"]),
        (iso(0, 14), iso(0, 16), ["fr-support"]),
    ], "6 h at most without a break; the half hour both lunch in is too short to post"
    assert manager.post(url).json() == [], "posted once"
    a3 = client_for("agent", "a3")
    offered = a3.get("/api/v1/agents/a3/open-shifts").json()
    assert [o["start"] for o in offered] == [iso(0, 8), iso(0, 14)]
    picked = a3.post("/api/v1/agents/a3/requests/pick-up", json={"open_shift_id": offered[0]["id"]})
    assert picked.json()["status"] == "approved", picked.text
    assert verify_published(database, period_id) == (3, [])


def test_extra_hours_after_publication_are_kept_and_open_shifts_in_them_are_offered(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    from tests.api import payloads

    period_id = set_up_week(manager, database, OPEN)
    contract = {"min_hours_per_week": 0, "max_hours_per_week": 40}
    assert (
        manager.post("/api/v1/agents", json=payloads.agent("a5", contract=contract)).status_code
        == 201
    )
    _free_tuesday(client_for("agent", "a1"))
    a5 = client_for("agent", "a5")
    assert a5.get("/api/v1/agents/a5/open-shifts").json() == [], "no hours offered yet"
    window = {"start": "2030-01-08T07:00", "end": "2030-01-08T20:00"}
    closed = a5.post(f"/api/v1/periods/{period_id}/availability/a5", json={"windows": [window]})
    assert closed.status_code == 409, "plain availability stays closed after publication"
    response = a5.post(
        "/api/v1/agents/a5/requests/extra-hours", json={"period_id": period_id, "windows": [window]}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["request"]["status"] == "approved"
    assert [(w["start"], w["end"]) for w in body["availability"]["windows"]] == [
        ("2030-01-08T07:00:00", "2030-01-08T20:00:00")
    ]
    assert [o["start"] for o in body["open_shifts"]] == [iso(1, 8)]
    overlapping = a5.post(
        "/api/v1/agents/a5/requests/extra-hours", json={"period_id": period_id, "windows": [window]}
    )
    assert overlapping.status_code == 422, "the availability checks apply"
    assert len(a5.get("/api/v1/agents/a5/requests").json()) == 1, "nothing half-written"
