"""Queries of scenarios: their periods, what they copy, the rosters compared."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import (
    Agent,
    AvailabilityWindow,
    DemandSeries,
    PlanningPeriod,
    Roster,
    RosterShift,
    SolveRun,
)


def scenarios_of(session: Session, baseline_id: int) -> list[PlanningPeriod]:
    query = (
        select(PlanningPeriod)
        .where(PlanningPeriod.scenario_of == baseline_id)
        .order_by(PlanningPeriod.id)
    )
    return list(session.scalars(query))


def demand_of(session: Session, period_id: int) -> list[DemandSeries]:
    query = (
        select(DemandSeries).where(DemandSeries.period_id == period_id).order_by(DemandSeries.id)
    )
    return list(session.scalars(query))


def windows_of(session: Session, period_id: int) -> list[AvailabilityWindow]:
    query = select(AvailabilityWindow).where(AvailabilityWindow.period_id == period_id)
    return list(session.scalars(query.order_by(AvailabilityWindow.id)))


def agent_ids_of_site(session: Session, site_id: str) -> set[str]:
    return set(session.scalars(select(Agent.id).where(Agent.site_id == site_id)))


def existing_agent_ids(session: Session, ids: list[str]) -> set[str]:
    return set(session.scalars(select(Agent.id).where(Agent.id.in_(ids))))


def newest_roster(session: Session, period_id: int) -> Roster | None:
    """The published roster if there is one, else the newest draft."""
    published = session.scalars(
        select(Roster)
        .where(Roster.period_id == period_id, Roster.version.is_not(None))
        .order_by(Roster.version.desc())
        .limit(1)
    ).first()
    if published is not None:
        return published
    return session.scalars(
        select(Roster).where(Roster.period_id == period_id).order_by(Roster.id.desc()).limit(1)
    ).first()


def shifts_of(session: Session, roster_id: int) -> list[RosterShift]:
    return list(session.scalars(select(RosterShift).where(RosterShift.roster_id == roster_id)))


def run_of(session: Session, run_id: int | None) -> SolveRun | None:
    return None if run_id is None else session.get(SolveRun, run_id)
