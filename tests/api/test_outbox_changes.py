"""The outbox compares only the agents whose shifts differ: a moved break still counts, and
a version that changes one agent announces that agent's shifts only."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.db.database import Database
from api.db.models import OutboxMessage, Roster
from tests.api.requests_site import WORKERS, iso, publish_by_hand, set_up_week, shift


def test_a_moved_break_and_a_removed_shift_are_the_only_messages(
    manager: TestClient, database: Database
) -> None:
    period_id = set_up_week(manager, database)
    shifts = [shift(a, d) for a in WORKERS for d in range(5)]
    moved = next(s for s in shifts if s["agent_id"] == "a1" and s["start"].day == 8)
    moved["breaks"] = [{"start": iso(1, 12.5), "end": iso(1, 13)}]
    moved["activities"] = [
        {"queue": "fr-support", "start": iso(1, 8), "end": iso(1, 12.5)},
        {"queue": "fr-support", "start": iso(1, 13), "end": iso(1, 16)},
    ]
    shifts = [s for s in shifts if not (s["agent_id"] == "a2" and s["start"].day == 11)]
    publish_by_hand(database, period_id, shifts)
    with database.session() as session:
        second = session.scalars(select(Roster).where(Roster.version == 2)).one()
        messages = session.scalars(
            select(OutboxMessage).where(OutboxMessage.roster_id == second.id)
        ).all()
        assert sorted((m.agent_id, m.kind) for m in messages) == [
            ("a1", "shift_moved"),
            ("a2", "shift_removed"),
        ]
