"""The snapshot of a period carries the shifts its agents worked just before it.

They come from the site's published rosters (each period's newest version) of the seven
days before the period, so rest and consecutive days hold across the two periods.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from api.db.database import Database
from api.db.models import Roster, RosterShift

MONDAY = datetime(2030, 1, 14, tzinfo=UTC) - timedelta(hours=1)  # 2030-01-14 00:00 Paris


def _publish(database: Database, period_id: int, version: int | None, shifts: list[Any]) -> None:
    with database.session(write=True) as session:
        roster = Roster(period_id=period_id, version=version, verified_ok=True)
        session.add(roster)
        session.flush()
        for agent_id, start, hours in shifts:
            session.add(
                RosterShift(
                    roster_id=roster.id,
                    agent_id=agent_id,
                    start=start,
                    end=start + timedelta(hours=hours),
                    breaks=[],
                    activities=[],
                )
            )


def test_the_next_period_sees_the_published_shifts_of_the_week_before(
    manager: TestClient, database: Database, period_id: int
) -> None:
    response = manager.post(
        "/api/v1/sites/paris/periods", json={"first_day": "2030-01-14", "days": 7}
    )
    assert response.status_code == 201, response.text
    following = int(response.json()["id"])
    saturday = MONDAY - timedelta(days=2) + timedelta(hours=8)
    _publish(database, period_id, 1, [("a1", saturday - timedelta(days=1), 6)])
    _publish(database, period_id, 2, [("a1", saturday, 6), ("a2", saturday, 4)])
    _publish(database, period_id, None, [("a1", saturday + timedelta(hours=3), 6)])  # draft

    snapshot = manager.get(f"/api/v1/periods/{following}/problem.json")
    assert snapshot.status_code == 200, snapshot.text
    before = [
        (s["agent_id"], datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"]))
        for s in snapshot.json()["previous_shifts"]
    ]
    assert before == [
        ("a1", saturday, saturday + timedelta(hours=6)),
        ("a2", saturday, saturday + timedelta(hours=4)),
    ]
    own = manager.get(f"/api/v1/periods/{period_id}/problem.json").json()
    assert own["previous_shifts"] == []  # nothing published before the first period
