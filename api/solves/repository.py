"""Queries on solve runs."""

from __future__ import annotations

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from api.db.base import utc_now
from api.db.models import Replan, Roster, SolveRun


def get(session: Session, run_id: int, for_update: bool = False) -> SolveRun | None:
    query = select(SolveRun).where(SolveRun.id == run_id)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).first()


def of_period(session: Session, period_id: int) -> list[SolveRun]:
    query = select(SolveRun).where(SolveRun.period_id == period_id).order_by(SolveRun.id)
    return list(session.scalars(query))


def roster_of_run(session: Session, run_id: int) -> int | None:
    roster_id: int | None = session.scalar(select(Roster.id).where(Roster.solve_run_id == run_id))
    return roster_id


def mark_interrupted(session: Session) -> int:
    """Runs a previous server process left queued or running can never finish now.

    Re-plans are left alone: the worker process runs them, not the API, and fails its own
    stale runs (``scheduler.replan_service``).
    """
    result = session.execute(
        update(SolveRun)
        .where(
            SolveRun.status.in_(("queued", "running")),
            ~exists().where(Replan.solve_run_id == SolveRun.id),
        )
        .values(status="failed", error="interrupted: the server stopped", finished_at=utc_now())
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
