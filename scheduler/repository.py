"""Queries the jobs need: published rosters, absences per period, re-plans and their runs."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from api.db.models import (
    Absence,
    Agent,
    PlanningPeriod,
    Replan,
    ReplanAbsence,
    Roster,
    Site,
    SolveRun,
)


def period_bounds(site: Site, period: PlanningPeriod) -> tuple[datetime, datetime]:
    """The period's first and last instants (site-local midnights), in UTC."""
    zone = ZoneInfo(site.time_zone)
    start = datetime.combine(period.first_day, time(0), tzinfo=zone)
    end = datetime.combine(period.first_day + timedelta(days=period.days), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def periods_with_sites(session: Session) -> list[tuple[PlanningPeriod, Site]]:
    query = (
        select(PlanningPeriod, Site)
        .join(Site, Site.id == PlanningPeriod.site_id)
        .order_by(PlanningPeriod.first_day, PlanningPeriod.id)
    )
    return [(row[0], row[1]) for row in session.execute(query).all()]


def published_roster(session: Session, period_id: int) -> Roster | None:
    """The newest published version of the period, or None before the first publication."""
    query = (
        select(Roster)
        .where(Roster.period_id == period_id, Roster.version.is_not(None))
        .order_by(Roster.version.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def absences_in(
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


def absences_taken_into_account(session: Session, period_id: int) -> set[int]:
    """Absences a re-plan of the period is running on, or has produced a draft for."""
    has_roster = exists().where(Roster.solve_run_id == SolveRun.id)
    query = (
        select(ReplanAbsence.absence_id)
        .join(Replan, Replan.id == ReplanAbsence.replan_id)
        .join(SolveRun, SolveRun.id == Replan.solve_run_id)
        .where(
            Replan.period_id == period_id,
            (SolveRun.status.in_(("queued", "running"))) | has_roster,
        )
    )
    return set(session.scalars(query))


def running_replans(session: Session, period_id: int) -> list[tuple[Replan, SolveRun]]:
    query = (
        select(Replan, SolveRun)
        .join(SolveRun, SolveRun.id == Replan.solve_run_id)
        .where(Replan.period_id == period_id, SolveRun.status.in_(("queued", "running")))
    )
    return [(row[0], row[1]) for row in session.execute(query).all()]


def last_failed_replan_end(session: Session, period_id: int) -> datetime | None:
    """When the newest re-plan of the period that gave no roster ended (for the retry delay)."""
    has_roster = exists().where(Roster.solve_run_id == SolveRun.id)
    query = (
        select(func.max(SolveRun.finished_at))
        .join(Replan, Replan.solve_run_id == SolveRun.id)
        .where(
            Replan.period_id == period_id,
            SolveRun.status.in_(("finished", "failed")),
            ~has_roster,
        )
    )
    ended: datetime | None = session.scalar(query)
    return ended


def latest_drafted_replan(session: Session, period_id: int, base_roster_id: int) -> Replan | None:
    """The newest re-plan from ``base_roster_id`` that produced a draft roster."""
    query = (
        select(Replan)
        .join(Roster, Roster.solve_run_id == Replan.solve_run_id)
        .where(Replan.period_id == period_id, Replan.base_roster_id == base_roster_id)
        .order_by(Replan.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def replan_of_run(session: Session, run_id: int) -> Replan | None:
    return session.scalars(select(Replan).where(Replan.solve_run_id == run_id)).first()


def newest_publishable_draft(
    session: Session, period_id: int, base: Roster | None
) -> Roster | None:
    """The newest verified draft made after ``base`` was published and built on it.

    Before a first publication any verified draft qualifies; afterwards only re-plan drafts
    whose base is the current version (a draft made from an older version would undo it).
    """
    query = select(Roster).where(Roster.period_id == period_id, Roster.version.is_(None))
    if base is not None:
        query = query.join(Replan, Replan.solve_run_id == Roster.solve_run_id).where(
            Replan.base_roster_id == base.id
        )
    for roster in session.scalars(query.order_by(Roster.id.desc())):
        if roster.kpis.get("ok") is True:
            return roster
    return None
