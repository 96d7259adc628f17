"""Two agents picking up the same open shift at the same moment, over real HTTP on a
committed database (SQLite here, PostgreSQL with HOMESHORE_TEST_DATABASE_URL): exactly one
gets it, the other a clean 409, and the published versions stay whole."""

from __future__ import annotations

import threading

import httpx

from api.db.database import Database
from tests.api.conftest import mint
from tests.api.requests_site import iso, set_up_week, verify_published


def _client(base_url: str, secret: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {secret}"}, timeout=60
    )


def test_two_agents_pick_up_the_same_open_shift_at_once_exactly_one_wins(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager = _client(base_url, mint(database, "manager"))
    period_id = set_up_week(manager, database, {"min_coverage_ratio": 0}, free=("a3", "a4"))
    freed = manager.post(
        "/api/v1/agents/a1/requests/time-off", json={"start": iso(1, 0), "end": iso(2, 0)}
    )
    assert freed.json()["status"] == "approved", freed.text
    open_id = manager.get(f"/api/v1/periods/{period_id}/open-shifts").json()[0]["id"]
    barrier = threading.Barrier(2)
    answers: dict[str, httpx.Response] = {}

    def pick_up(agent_id: str) -> None:
        with _client(base_url, mint(database, "agent", agent_id)) as client:
            barrier.wait()
            answers[agent_id] = client.post(
                f"/api/v1/agents/{agent_id}/requests/pick-up", json={"open_shift_id": open_id}
            )

    threads = [threading.Thread(target=pick_up, args=(a,)) for a in ("a3", "a4")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in answers.values())
    assert statuses == [201, 409], {a: r.text for a, r in answers.items()}
    winner = next(a for a, r in answers.items() if r.status_code == 201)
    loser = next(a for a, r in answers.items() if r.status_code == 409)
    assert "taken by another agent" in answers[loser].json()["detail"][0]["msg"]
    assert verify_published(database, period_id) == (3, []), "one version per winner, verified"
    tuesday = [
        s["agent_id"]
        for s in manager.get(f"/api/v1/agents/{winner}/shifts").json()["shifts"]
        if s["start"] == iso(1, 8)
    ]
    assert tuesday == [winner]
    assert manager.get(f"/api/v1/agents/{loser}/requests").json() == [], "nothing half-written"


def test_a_swap_accepted_while_its_shift_is_dropped_one_of_them_fails_cleanly(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager = _client(base_url, mint(database, "manager"))
    period_id = set_up_week(manager, database, {"min_coverage_ratio": 0})
    keys = {a: mint(database, "agent", a) for a in ("a1", "a3")}
    clients = {a: _client(base_url, k) for a, k in keys.items()}
    shifts = clients["a1"].get("/api/v1/agents/a1/shifts").json()["shifts"]
    tuesday = next(s["id"] for s in shifts if s["start"] == iso(1, 8))
    offered = clients["a1"].post(
        "/api/v1/agents/a1/requests/swap", json={"shift_id": tuesday, "colleague_id": "a3"}
    )
    assert offered.json()["status"] == "offered", offered.text
    barrier = threading.Barrier(2)
    answers: dict[str, httpx.Response] = {}

    def drop() -> None:
        barrier.wait()
        answers["drop"] = clients["a1"].post(
            "/api/v1/agents/a1/requests/drop", json={"shift_id": tuesday}
        )

    def accept() -> None:
        barrier.wait()
        answers["accept"] = clients["a3"].post(f"/api/v1/requests/{offered.json()['id']}/accept")

    threads = [threading.Thread(target=drop), threading.Thread(target=accept)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in answers.values())
    assert statuses in ([200, 409], [201, 409]), {k: r.text for k, r in answers.items()}
    assert verify_published(database, period_id) == (2, []), "exactly one new version"
    holders = [
        a
        for a in ("a1", "a3")
        if iso(1, 8)
        in [s["start"] for s in manager.get(f"/api/v1/agents/{a}/shifts").json()["shifts"]]
    ]
    assert holders == (["a3"] if answers["accept"].status_code == 200 else [])
    for client in clients.values():
        client.close()


def test_two_places_freed_at_once_approve_the_waiting_time_off_exactly_once(
    live_server: tuple[str, Database],
) -> None:
    from api.db.models import OpenShift

    base_url, database = live_server
    manager = _client(base_url, mint(database, "manager"))
    period_id = set_up_week(manager, database, {"min_coverage_ratio": 0}, free=("a3", "a4"))
    shifts = manager.get("/api/v1/agents/a1/shifts").json()["shifts"]
    tuesday = next(s["id"] for s in shifts if s["start"] == iso(1, 8))
    dropped = manager.post("/api/v1/agents/a1/requests/drop", json={"shift_id": tuesday})
    assert dropped.json()["status"] == "approved", dropped.text
    with database.session(write=True) as session:
        [freed] = session.query(OpenShift).all()
        session.add(
            OpenShift(
                period_id=freed.period_id,
                start=freed.start,
                end=freed.end,
                breaks=freed.breaks,
                activities=freed.activities,
                status="open",
            )
        )
    policy = {"min_coverage_ratio": 0.5, "waitlist": True}
    assert manager.put("/api/v1/sites/paris/request-policy", json=policy).status_code == 200
    waiting = manager.post(
        "/api/v1/agents/a2/requests/time-off", json={"start": iso(1, 0), "end": iso(2, 0)}
    ).json()
    assert waiting["status"] == "waitlisted", waiting
    open_ids = [o["id"] for o in manager.get(f"/api/v1/periods/{period_id}/open-shifts").json()]
    barrier = threading.Barrier(2)
    answers: dict[str, httpx.Response] = {}

    def pick_up(agent_id: str, open_id: int) -> None:
        with _client(base_url, mint(database, "agent", agent_id)) as client:
            barrier.wait()
            answers[agent_id] = client.post(
                f"/api/v1/agents/{agent_id}/requests/pick-up", json={"open_shift_id": open_id}
            )

    threads = [
        threading.Thread(target=pick_up, args=(a, o))
        for a, o in zip(("a3", "a4"), open_ids, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in answers.values()) == [201, 201], {
        a: r.text for a, r in answers.items()
    }
    served = manager.get(f"/api/v1/requests/{waiting['id']}").json()
    assert served["status"] == "approved", served
    trail = manager.get(
        "/api/v1/audit", params={"entity": "agent_request", "entity_id": str(waiting["id"])}
    ).json()
    assert sorted(e["action"] for e in trail) == ["approve", "serve", "wait"], "approved once"
    assert len(manager.get("/api/v1/absences?agent_id=a2").json()) == 1
    assert verify_published(database, period_id) == (5, []), "drop, two pick-ups, one approval"
    manager.close()
