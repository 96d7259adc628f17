"""Queries on the outbox: which publications are announced, and which messages are due."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import OutboxMessage, Roster, RosterNotification


def unrecorded_publications(session: Session) -> list[Roster]:
    """Published versions whose changes are not in the outbox yet, oldest first."""
    query = (
        select(Roster)
        .outerjoin(RosterNotification, RosterNotification.roster_id == Roster.id)
        .where(Roster.version.is_not(None), RosterNotification.roster_id.is_(None))
        .order_by(Roster.period_id, Roster.version)
    )
    return list(session.scalars(query))


def last_recorded(session: Session, period_id: int, before_version: int) -> Roster | None:
    query = (
        select(Roster)
        .join(RosterNotification, RosterNotification.roster_id == Roster.id)
        .where(Roster.period_id == period_id, Roster.version < before_version)
        .order_by(Roster.version.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def due_messages(session: Session, now: datetime, limit: int) -> list[OutboxMessage]:
    """Messages neither sent nor given up whose next attempt is due, oldest first."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.gave_up_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return list(session.scalars(query))
