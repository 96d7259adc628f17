"""A job that only records that it ran (one audit row per run), to count runs exactly."""

from __future__ import annotations

from sqlalchemy import func, select

from api.db.database import Database
from api.db.models import AuditEntry
from scheduler import jobs


def probe_job(label: str) -> None:
    with jobs.current().database.session(write=True) as session:
        session.add(
            AuditEntry(actor_role="scheduler", action="probe", entity="job", entity_id=label)
        )


def probe_runs(database: Database, label: str) -> int:
    with database.session() as session:
        query = select(func.count()).where(
            AuditEntry.action == "probe", AuditEntry.entity_id == label
        )
        return int(session.scalar(query) or 0)
