"""The outbox: one message per shift an agent gains, loses or sees moved, per publication.

Agents see only published rosters, so messages are written when a version is published
(``api.rosters.publication.publish`` calls ``record_publication`` in its transaction),
comparing it with the last version whose changes were already recorded (or with nothing,
for a first version). ``RosterNotification`` marks each version done, so every change is
recorded exactly once; the outbox job's ``record_publications`` catches up any version
published before this was so.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.db.models import OutboxMessage, Roster, RosterNotification
from api.notifications import repository
from api.rosters import repository as rosters
from api.rosters import solver_shifts

KIND_OF_CHANGE = {"added": "shift_added", "removed": "shift_removed", "moved": "shift_moved"}


def record_publication(session: Session, roster: Roster, now: datetime) -> int:
    """Write the messages of one published version; returns how many were written."""
    assert roster.version is not None, "only published rosters are announced"
    previous = repository.last_recorded(session, roster.period_id, roster.version)
    if previous is None:
        changes = solver_shifts.changes([], rosters.shifts(session, roster.id))
    else:
        # Only the agents whose shifts differ are compared: a version made by an agent's
        # request differs from the last in one or two agents' weeks out of a thousand.
        changed = rosters.agents_with_changes(session, previous.id, roster.id)
        changes = solver_shifts.changes(
            rosters.shifts_of_agents(session, previous.id, changed),
            rosters.shifts_of_agents(session, roster.id, changed),
        )
    for change in changes:
        session.add(
            OutboxMessage(
                roster_id=roster.id,
                agent_id=change.agent_id,
                kind=KIND_OF_CHANGE[change.kind],
                payload={
                    "period_id": roster.period_id,
                    "version": roster.version,
                    "before": change.before.model_dump(mode="json") if change.before else None,
                    "after": change.after.model_dump(mode="json") if change.after else None,
                },
                next_attempt_at=now,
            )
        )
    session.add(RosterNotification(roster_id=roster.id, messages=len(changes), recorded_at=now))
    session.flush()
    return len(changes)


def record_publications(session: Session, now: datetime) -> int:
    """Record every published version not recorded yet; returns the messages written."""
    return sum(
        record_publication(session, r, now) for r in repository.unrecorded_publications(session)
    )
