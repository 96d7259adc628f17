"""Locking a shift, then solving around it: the locked shift comes back unchanged."""

from __future__ import annotations

from datetime import UTC, datetime

from api.db.database import Database
from api.db.models import Roster, RosterShift
from tests.api.story import http_client as _client
from tests.api.story import offer, set_up_small_site, wait_for_run

# a1 08:00-10:00 Paris on 2030-01-07 (07:00-09:00 UTC): shorter than a solve would choose
# for the 08:00-14:00 demand, which one agent covers alone.
LOCKED_START = datetime(2030, 1, 7, 7, tzinfo=UTC)
LOCKED_END = datetime(2030, 1, 7, 9, tzinfo=UTC)


def _draft_with_one_shift(database: Database, period_id: int) -> tuple[int, int]:
    with database.session(write=True) as session:
        roster = Roster(period_id=period_id, verified_ok=True, kpis={})
        session.add(roster)
        session.flush()
        shift = RosterShift(
            roster_id=roster.id,
            agent_id="a1",
            start=LOCKED_START,
            end=LOCKED_END,
            breaks=[],
            activities=[],
        )
        session.add(shift)
        session.flush()
        return roster.id, shift.id


def test_a_solve_around_locks_keeps_the_locked_shift(live_server: tuple[str, Database]) -> None:
    base_url, database = live_server
    manager = _client(base_url, database, "manager")
    period_id = set_up_small_site(manager)
    offer(_client(base_url, database, "agent", "a1"), period_id, "a1", "08:00", "14:00")
    offer(_client(base_url, database, "agent", "a2"), period_id, "a2", "08:00", "14:00")
    roster_id, shift_id = _draft_with_one_shift(database, period_id)
    lock = manager.put(f"/api/v1/rosters/{roster_id}/shifts/{shift_id}/lock", json={"locked": True})
    assert lock.status_code == 200, lock.text
    shown = manager.get(f"/api/v1/rosters/{roster_id}").json()["shifts"]
    assert [s["locked"] for s in shown] == [True]
    body = {"time_limit_seconds": 10, "num_workers": 1, "locks_from_roster_id": roster_id}
    started = manager.post(f"/api/v1/periods/{period_id}/solves", json=body)
    assert started.status_code == 202, started.text
    run = wait_for_run(manager, started.json()["id"])
    assert run["status"] == "finished" and run["kpis"]["ok"] is True, run
    shifts = manager.get(f"/api/v1/rosters/{run['roster_id']}").json()["shifts"]
    spans = {
        (s["agent_id"], datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"]))
        for s in shifts
    }
    assert ("a1", LOCKED_START, LOCKED_END) in spans
    snapshot = manager.get(f"/api/v1/solves/{run['id']}/problem.json").json()
    assert len(snapshot["locked_shifts"]) == 1


def test_locks_name_their_roster_and_shift(live_server: tuple[str, Database]) -> None:
    base_url, database = live_server
    manager = _client(base_url, database, "manager")
    period_id = set_up_small_site(manager)
    roster_id, shift_id = _draft_with_one_shift(database, period_id)
    other_roster, _other_shift = _draft_with_one_shift(database, period_id)
    wrong = manager.put(
        f"/api/v1/rosters/{other_roster}/shifts/{shift_id}/lock", json={"locked": True}
    )
    assert wrong.status_code == 404
    refused = manager.post(
        f"/api/v1/periods/{period_id}/solves", json={"locks_from_roster_id": 99_999}
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "locks_from_roster_id"
    unlocked = manager.put(
        f"/api/v1/rosters/{roster_id}/shifts/{shift_id}/lock", json={"locked": False}
    )
    assert unlocked.status_code == 200 and unlocked.json() == {"locked": False}
