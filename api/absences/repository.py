"""Queries on absences and their marks on shifts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import Absence, AbsenceImpact, Agent, RosterShift


def get(session: Session, absence_id: int) -> Absence | None:
    return session.get(Absence, absence_id)


def listing(session: Session, agent_id: str | None = None) -> list[Absence]:
    query = select(Absence).order_by(Absence.start, Absence.id)
    if agent_id is not None:
        query = query.where(Absence.agent_id == agent_id)
    return list(session.scalars(query))


def same_report(
    session: Session, agent_id: str, start: datetime, end: datetime, reason: str
) -> Absence | None:
    query = select(Absence).where(
        Absence.agent_id == agent_id,
        Absence.start == start,
        Absence.end == end,
        Absence.reason == reason,
    )
    return session.scalars(query).first()


def overlapping(
    session: Session, agent_ids: list[str], start: datetime, end: datetime
) -> list[Absence]:
    """Absences of these agents that overlap ``[start, end)``."""
    query = select(Absence).where(
        Absence.agent_id.in_(agent_ids), Absence.start < end, Absence.end > start
    )
    return list(session.scalars(query.order_by(Absence.agent_id, Absence.start)))


def of_site_overlapping(
    session: Session, site_id: str, start: datetime, end: datetime, unhealed_only: bool = False
) -> list[Absence]:
    """Absences of the site's agents that overlap ``[start, end)``, oldest report first."""
    query = (
        select(Absence)
        .join(Agent, Agent.id == Absence.agent_id)
        .where(Agent.site_id == site_id, Absence.start < end, Absence.end > start)
        .order_by(Absence.created_at, Absence.id)
    )
    if unhealed_only:
        query = query.where(Absence.healed_at.is_(None))
    return list(session.scalars(query))


def affected_shifts(session: Session, absence_id: int) -> list[RosterShift]:
    query = (
        select(RosterShift)
        .join(AbsenceImpact, AbsenceImpact.shift_id == RosterShift.id)
        .where(AbsenceImpact.absence_id == absence_id)
        .order_by(RosterShift.start)
    )
    return list(session.scalars(query))
