"""Queries on absences and their marks on shifts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import Absence, AbsenceImpact, RosterShift


def get(session: Session, absence_id: int) -> Absence | None:
    return session.get(Absence, absence_id)


def listing(session: Session, agent_id: str | None = None) -> list[Absence]:
    query = select(Absence).order_by(Absence.start, Absence.id)
    if agent_id is not None:
        query = query.where(Absence.agent_id == agent_id)
    return list(session.scalars(query))


def affected_shifts(session: Session, absence_id: int) -> list[RosterShift]:
    query = (
        select(RosterShift)
        .join(AbsenceImpact, AbsenceImpact.shift_id == RosterShift.id)
        .where(AbsenceImpact.absence_id == absence_id)
        .order_by(RosterShift.start)
    )
    return list(session.scalars(query))
