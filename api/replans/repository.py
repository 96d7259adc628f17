"""Queries on re-plans, with their runs, drafts and absences."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from api.db.models import Absence, Replan, ReplanAbsence, Roster, SolveRun
from api.db.models.solve import ENDED_STATUSES


def of_period(
    session: Session, period_id: int, limit: int
) -> list[tuple[Replan, SolveRun, int | None]]:
    """The period's newest re-plans, each with its run and its draft roster id (if any)."""
    query = (
        select(Replan, SolveRun, Roster.id)
        .join(SolveRun, SolveRun.id == Replan.solve_run_id)
        .outerjoin(Roster, Roster.solve_run_id == SolveRun.id)
        .where(Replan.period_id == period_id)
        .order_by(Replan.id.desc())
        .limit(limit)
    )
    return [(row[0], row[1], row[2]) for row in session.execute(query).all()]


def absence_ids(session: Session, replan_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    if not replan_ids:
        return found
    query = (
        select(ReplanAbsence.replan_id, ReplanAbsence.absence_id)
        .where(ReplanAbsence.replan_id.in_(replan_ids))
        .order_by(ReplanAbsence.absence_id)
    )
    for replan_id, absence_id in session.execute(query).all():
        found[replan_id].append(absence_id)
    return found


def of_run(session: Session, run_id: int) -> Replan | None:
    return session.scalars(select(Replan).where(Replan.solve_run_id == run_id)).first()


def unfinished_of_period(session: Session, period_id: int) -> list[tuple[Replan, SolveRun]]:
    """The period's re-plans whose run is still queued or running."""
    query = (
        select(Replan, SolveRun)
        .join(SolveRun, SolveRun.id == Replan.solve_run_id)
        .where(Replan.period_id == period_id, SolveRun.status.in_(("queued", "running")))
    )
    return [(row[0], row[1]) for row in session.execute(query).all()]


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


def last_failed_end(session: Session, period_id: int) -> datetime | None:
    """When the newest re-plan of the period that gave no roster ended (for the retry delay).

    Runs failed because their process vanished have no end (``finished_at`` is empty) and
    so impose no delay: their absences are re-planned at once.
    """
    has_roster = exists().where(Roster.solve_run_id == SolveRun.id)
    query = (
        select(func.max(SolveRun.finished_at))
        .join(Replan, Replan.solve_run_id == SolveRun.id)
        .where(
            Replan.period_id == period_id,
            SolveRun.status.in_(ENDED_STATUSES),
            ~has_roster,
        )
    )
    ended: datetime | None = session.scalar(query)
    return ended


def latest_drafted(session: Session, period_id: int, base_roster_id: int) -> Replan | None:
    """The newest re-plan from ``base_roster_id`` that produced a draft roster."""
    query = (
        select(Replan)
        .join(Roster, Roster.solve_run_id == Replan.solve_run_id)
        .where(Replan.period_id == period_id, Replan.base_roster_id == base_roster_id)
        .order_by(Replan.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def unhealed_absences(session: Session, replan_id: int) -> list[Absence]:
    """The absences a re-plan took into account that no publication has healed yet."""
    query = (
        select(Absence)
        .join(ReplanAbsence, ReplanAbsence.absence_id == Absence.id)
        .where(ReplanAbsence.replan_id == replan_id, Absence.healed_at.is_(None))
        .order_by(Absence.id)
    )
    return list(session.scalars(query))
