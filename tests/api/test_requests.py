"""Agents' requests after publication: each policy rule alone, with its reason, and what an
approval does (a new published version the verifier passes, open shifts, an absence)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.conftest import ClientFor
from tests.api.requests_site import iso, set_up_week, verify_published

OPEN = {"min_coverage_ratio": 0}


def _time_off(client: TestClient, agent_id: str, start: str, end: str) -> Any:
    return client.post(
        f"/api/v1/agents/{agent_id}/requests/time-off", json={"start": start, "end": end}
    )


def test_time_off_allowed_by_the_policy_publishes_a_new_version_and_frees_the_shift(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, OPEN)
    a1 = client_for("agent", "a1")
    response = _time_off(a1, "a1", iso(1, 0), iso(2, 0))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "approved", body
    assert body["decision"].startswith("Approved at once")
    assert body["version"] == 2
    assert body["impact"]["hours"] == -7.5
    version, violations = verify_published(database, period_id)
    assert (version, violations) == (2, [])
    tuesday = [s for s in a1.get("/api/v1/agents/a1/shifts").json()["shifts"]]
    assert iso(1, 8) not in [s["start"] for s in tuesday]
    assert len(tuesday) == 4
    open_shifts = manager.get(f"/api/v1/periods/{period_id}/open-shifts").json()
    assert [(o["start"], o["end"], o["hours"]) for o in open_shifts] == [
        (iso(1, 8), iso(1, 16), 7.5)
    ]
    absences = manager.get("/api/v1/absences?agent_id=a1").json()
    assert len(absences) == 1 and absences[0]["healed_at"] is not None


def test_coverage_below_the_ratio_goes_to_a_manager_with_the_slots_named(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, {"min_coverage_ratio": 0.8})
    response = _time_off(client_for("agent", "a1"), "a1", iso(1, 0), iso(2, 0))
    body = response.json()
    assert body["status"] == "pending"
    assert body["decision"] == (
        "fr-support would fall to 1 of 2 agents on Tue 8 Jan 08:00–12:00. "
        "fr-support would fall to 1 of 2 agents on Tue 8 Jan 12:30–16:00."
    ), "the shared break 12:00-12:30 was already uncovered, so it is no drop"
    assert body["version"] is None
    assert body["impact"]["coverage"][0]["after"] == 1
    assert verify_published(database, period_id)[0] == 1, "nothing published"


def test_a_queue_ratio_overrides_the_site_ratio(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(
        manager,
        database,
        {"min_coverage_ratio": 0.8, "queue_min_coverage_ratio": {"fr-support": 0.5}},
    )
    body = _time_off(client_for("agent", "a1"), "a1", iso(1, 0), iso(2, 0)).json()
    assert body["status"] == "approved", body


def test_blackout_day_declines(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, {**OPEN, "blackout_days": ["2030-01-08"]})
    body = _time_off(client_for("agent", "a1"), "a1", iso(1, 0), iso(2, 0)).json()
    assert body["status"] == "declined"
    assert body["decision"] == "Tue 8 Jan is a blackout day: no time off is granted then."


def test_closed_and_manual_kinds(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, {**OPEN, "modes": {"time_off": "closed", "drop": "manual"}})
    a1 = client_for("agent", "a1")
    closed = _time_off(a1, "a1", iso(1, 0), iso(2, 0)).json()
    assert (closed["status"], closed["decision"]) == (
        "declined",
        "Requests for time off are closed at this site.",
    )
    shift_id = a1.get("/api/v1/agents/a1/shifts").json()["shifts"][2]["id"]
    manual = a1.post("/api/v1/agents/a1/requests/drop", json={"shift_id": shift_id}).json()
    assert (manual["status"], manual["decision"]) == (
        "pending",
        "A manager answers every request for dropping a shift here.",
    )


def test_the_day_allotment_sends_the_next_request_to_a_manager(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, {**OPEN, "time_off_per_day": 1})
    first = _time_off(client_for("agent", "a1"), "a1", iso(1, 0), iso(2, 0)).json()
    assert first["status"] == "approved"
    second = _time_off(client_for("agent", "a2"), "a2", iso(1, 14), iso(1, 16)).json()
    assert second["status"] == "pending"
    assert second["decision"] == (
        "1 agent already has time off on Tue 8 Jan, the most the site allows at once (1)."
    )


def test_part_of_a_shift_off_keeps_the_rest_and_opens_the_freed_hours(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, OPEN)
    a1 = client_for("agent", "a1")
    body = _time_off(a1, "a1", iso(1, 14), iso(1, 16)).json()
    assert body["status"] == "approved", body
    tuesday = [
        s for s in a1.get("/api/v1/agents/a1/shifts").json()["shifts"] if s["start"] == iso(1, 8)
    ]
    assert [s["end"] for s in tuesday] == [iso(1, 14)]
    open_shifts = manager.get(f"/api/v1/periods/{period_id}/open-shifts").json()
    assert [(o["start"], o["end"]) for o in open_shifts] == [(iso(1, 14), iso(1, 16))]
    assert verify_published(database, period_id) == (2, [])


def test_a_hole_in_the_middle_frees_the_whole_shift_and_says_why(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    period_id = set_up_week(manager, database, OPEN)
    body = _time_off(client_for("agent", "a1"), "a1", iso(1, 10), iso(1, 11)).json()
    assert body["status"] == "approved", body
    assert "Your whole shift is freed" in body["decision"]
    assert "max_shifts_per_day" in body["decision"]
    assert verify_published(database, period_id) == (2, [])


def test_notice_shorter_than_the_policy_goes_to_a_manager(
    manager: TestClient, database: Database
) -> None:
    from datetime import timedelta

    from api.auth.keys import Principal
    from api.requests import service
    from api.requests.schemas import TimeOffCreate
    from tests.api.requests_site import at

    set_up_week(manager, database, {**OPEN, "notice_hours": 48})
    body = TimeOffCreate(start=at(1, 8), end=at(1, 16))
    with database.session(write=True) as session:
        read = service.ask_time_off(
            session, Principal(None, "agent", "a1"), "a1", body, at(1, 8) - timedelta(hours=20)
        )
    assert read.status == "pending"
    assert read.decision == (
        "Asked 20 h ahead; requests need 48 h notice to be approved at once, so a manager "
        "will answer."
    )


def test_a_replan_policy_leaves_the_time_off_to_the_absence_watch(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    from datetime import UTC, datetime

    from api.replans.due import absence_replans_due
    from api.settings import Settings

    period_id = set_up_week(manager, database, {**OPEN, "on_coverage_hole": "replan"})
    body = _time_off(client_for("agent", "a1"), "a1", iso(1, 0), iso(2, 0)).json()
    assert body["status"] == "approved"
    [absence] = manager.get("/api/v1/absences?agent_id=a1").json()
    assert absence["healed_at"] is None
    with database.session() as session:
        due = absence_replans_due(session, datetime.now(UTC), Settings(environment="test"))
    assert [(d.period_id, d.absence_ids) for d in due] == [(period_id, (absence["id"],))]
