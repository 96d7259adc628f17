"""Queries for the staffing plan of a period and the service stored with a roster."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import PlanningPeriod, Roster, RosterShift, RosterSimulation


def period_plan(session: Session, period_id: int) -> dict[str, Any] | None:
    period = session.get(PlanningPeriod, period_id)
    return None if period is None else period.staffing_plan


def set_period_plan(session: Session, period_id: int, plan: dict[str, Any] | None) -> None:
    period = session.get(PlanningPeriod, period_id)
    if period is not None:
        period.staffing_plan = plan


def roster(session: Session, roster_id: int) -> Roster | None:
    return session.get(Roster, roster_id)


def shifts_of(session: Session, roster_id: int) -> list[RosterShift]:
    query = select(RosterShift).where(RosterShift.roster_id == roster_id).order_by(RosterShift.id)
    return list(session.scalars(query))


def simulations_of(session: Session, roster_id: int) -> list[RosterSimulation]:
    query = (
        select(RosterSimulation)
        .where(RosterSimulation.roster_id == roster_id)
        .order_by(RosterSimulation.id)
    )
    return list(session.scalars(query))


def simulation(session: Session, simulation_id: int) -> RosterSimulation | None:
    return session.get(RosterSimulation, simulation_id)
