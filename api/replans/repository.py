"""Queries on re-plans, with their runs, drafts and absences."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import Replan, ReplanAbsence, Roster, SolveRun


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
