"""Queries on planning periods and their demand."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.db.models import DemandSeries, PlanningPeriod, Site


def get(session: Session, period_id: int, lock: str | None = None) -> PlanningPeriod | None:
    """The period; ``lock`` is None, "share" (snapshots) or "update" (writers)."""
    query = select(PlanningPeriod).where(PlanningPeriod.id == period_id)
    if lock is not None:
        query = query.with_for_update(read=lock == "share")
    return session.scalars(query).first()


def of_site(session: Session, site_id: str) -> list[PlanningPeriod]:
    query = select(PlanningPeriod).where(PlanningPeriod.site_id == site_id)
    return list(session.scalars(query.order_by(PlanningPeriod.first_day, PlanningPeriod.id)))


def of_site_starting_between(
    session: Session, site_id: str, first: date, last: date
) -> list[PlanningPeriod]:
    """The site's periods whose first day lies in ``[first, last]``, oldest first."""
    query = select(PlanningPeriod).where(
        PlanningPeriod.site_id == site_id,
        PlanningPeriod.first_day >= first,
        PlanningPeriod.first_day <= last,
    )
    return list(session.scalars(query.order_by(PlanningPeriod.first_day, PlanningPeriod.id)))


def with_sites(session: Session) -> list[tuple[PlanningPeriod, Site]]:
    """Every period with its site, earliest first (the jobs walk them all)."""
    query = (
        select(PlanningPeriod, Site)
        .join(Site, Site.id == PlanningPeriod.site_id)
        .order_by(PlanningPeriod.first_day, PlanningPeriod.id)
    )
    return [(row[0], row[1]) for row in session.execute(query).all()]


def demand_of(session: Session, period_id: int) -> list[DemandSeries]:
    query = select(DemandSeries).where(DemandSeries.period_id == period_id)
    return list(session.scalars(query.order_by(DemandSeries.queue_id, DemandSeries.start)))


def replace_demand(session: Session, period_id: int, series: list[DemandSeries]) -> None:
    session.execute(delete(DemandSeries).where(DemandSeries.period_id == period_id))
    session.add_all(series)
    session.flush()
