"""Clean-up of old solve runs: their snapshots and progress are large and rarely read again.

A run that produced a published roster is history and stays; so does any run younger than
the retention, or still queued or running. Deleting a run deletes its draft roster (with
its shifts) and its re-plan record.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from api.db.models import Roster, SolveRun


def delete_old_runs(session: Session, now: datetime, retention_days: int) -> int:
    """Delete ended runs older than the retention that no published roster came from."""
    cutoff = now - timedelta(days=retention_days)
    published = exists().where(Roster.solve_run_id == SolveRun.id, Roster.version.is_not(None))
    query = select(SolveRun.id).where(
        SolveRun.status.in_(("finished", "failed")),
        func.coalesce(SolveRun.finished_at, SolveRun.created_at) < cutoff,
        ~published,
    )
    run_ids = list(session.scalars(query))
    if not run_ids:
        return 0
    session.execute(
        delete(Roster).where(Roster.solve_run_id.in_(run_ids), Roster.version.is_(None))
    )
    session.execute(delete(SolveRun).where(SolveRun.id.in_(run_ids)))
    return len(run_ids)
