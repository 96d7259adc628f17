"""Queries on solve runs."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session

from api.db.base import utc_now
from api.db.models import Roster, SolveRun
from api.db.models.solve import ENDED_STATUSES


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


def rosters_of_runs(session: Session, run_ids: list[int]) -> dict[int, int]:
    """The roster each run produced, for the runs that produced one."""
    if not run_ids:
        return {}
    query = select(Roster.solve_run_id, Roster.id).where(Roster.solve_run_id.in_(run_ids))
    return {run_id: roster_id for run_id, roster_id in session.execute(query) if run_id}


def renew_heartbeats(session: Session, run_ids: list[int]) -> None:
    """The executing process is alive: push the lease of its unfinished runs forward."""
    session.execute(
        update(SolveRun)
        .where(SolveRun.id.in_(run_ids), SolveRun.status.in_(("queued", "running")))
        .values(heartbeat_at=utc_now())
    )


def claim(
    session: Session, run_id: int, worker: str, stale_before: datetime, max_attempts: int
) -> bool:
    """Take the run for ``worker`` in one conditional update; False if it is not free.

    Free means queued, or running under a claim whose heartbeat is older than
    ``stale_before`` (its worker died), and claimed fewer than ``max_attempts`` times. Two
    workers racing for one run cannot both win: the update re-checks the row it changes.
    """
    now = utc_now()
    taken = session.execute(
        update(SolveRun)
        .where(
            SolveRun.id == run_id,
            SolveRun.attempts < max_attempts,
            (SolveRun.status == "queued")
            | (
                (SolveRun.status == "running")
                & (func.coalesce(SolveRun.heartbeat_at, SolveRun.created_at) < stale_before)
            ),
        )
        .values(
            status="running",
            attempts=SolveRun.attempts + 1,
            claimed_by=worker,
            heartbeat_at=now,
            started_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(taken, "rowcount", 0) == 1)


def in_status(session: Session, run_ids: list[int], statuses: tuple[str, ...]) -> list[int]:
    """Which of ``run_ids`` are in one of ``statuses`` (``ENDED_STATUSES``: have their outcome;
    ``("cancelled",)``: a user stopped them, their execution must stop too)."""
    if not run_ids:
        return []
    query = select(SolveRun.id).where(SolveRun.id.in_(run_ids), SolveRun.status.in_(statuses))
    return list(session.scalars(query))


def abandoned(
    session: Session, now: datetime, lease: timedelta, queued_too: bool = True
) -> list[SolveRun]:
    """Queued (unless not ``queued_too``) or running runs whose heartbeat is older than
    ``lease``, locked for update."""
    stale = func.coalesce(SolveRun.heartbeat_at, SolveRun.created_at) < now - lease
    statuses = ("queued", "running") if queued_too else ("running",)
    query = select(SolveRun).where(SolveRun.status.in_(statuses), stale)
    return list(session.scalars(query.order_by(SolveRun.id).with_for_update()))


def ended_unpublished_before(session: Session, cutoff: datetime) -> list[int]:
    """Ended runs older than ``cutoff`` that no published roster came from."""
    published = exists().where(Roster.solve_run_id == SolveRun.id, Roster.version.is_not(None))
    query = select(SolveRun.id).where(
        SolveRun.status.in_(ENDED_STATUSES),
        func.coalesce(SolveRun.finished_at, SolveRun.created_at) < cutoff,
        ~published,
    )
    return list(session.scalars(query))


def delete_runs(session: Session, run_ids: list[int]) -> None:
    """Delete runs with their draft rosters (shifts and re-plan records cascade)."""
    session.execute(
        delete(Roster).where(Roster.solve_run_id.in_(run_ids), Roster.version.is_(None))
    )
    session.execute(delete(SolveRun).where(SolveRun.id.in_(run_ids)))
