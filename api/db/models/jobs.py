"""Tables of the background jobs: re-plans, the outbox, the scheduler lease and job store.

A re-plan is a solve run (``solve_runs``) with a little more: the published roster it
started from, what triggered it, which absences it took into account, a digest of its
inputs (so the nightly job can tell whether anything changed) and, once solved, the list
of per-agent changes from the published roster to the new draft.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    LargeBinary,
    String,
    Table,
    Text,
    Unicode,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utc_now

REPLAN_TRIGGERS = ("absence", "nightly", "manual")
OUTBOX_KINDS = ("shift_added", "shift_removed", "shift_moved")


class Replan(Base):
    __tablename__ = "replans"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("planning_periods.id"), index=True)
    solve_run_id: Mapped[int] = mapped_column(
        ForeignKey("solve_runs.id", ondelete="CASCADE"), unique=True
    )
    base_roster_id: Mapped[int] = mapped_column(
        ForeignKey("rosters.id"), doc="The published roster the re-plan started from."
    )
    trigger: Mapped[str] = mapped_column(String(16))
    inputs_digest: Mapped[str] = mapped_column(String(64))
    replan_from: Mapped[datetime] = mapped_column(UTCDateTime)
    changes: Mapped[list[Any] | None] = mapped_column(
        JSON, doc="Per-agent added/removed/moved shifts; None until solved."
    )
    coverage_before: Mapped[float | None] = mapped_column(
        Float, doc="Coverage percent of the published roster it started from."
    )
    coverage_after: Mapped[float | None] = mapped_column(
        Float, doc="Coverage percent of the draft, as the verifier computed it."
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class ReplanAbsence(Base):
    """An absence a re-plan took into account (so the absence watch stops asking for it)."""

    __tablename__ = "replan_absences"

    replan_id: Mapped[int] = mapped_column(
        ForeignKey("replans.id", ondelete="CASCADE"), primary_key=True
    )
    absence_id: Mapped[int] = mapped_column(
        ForeignKey("absences.id", ondelete="CASCADE"), primary_key=True
    )


class RosterNotification(Base):
    """Marks a published roster whose changes are already in the outbox (written once)."""

    __tablename__ = "roster_notifications"

    roster_id: Mapped[int] = mapped_column(
        ForeignKey("rosters.id", ondelete="CASCADE"), primary_key=True
    )
    messages: Mapped[int]
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class OutboxMessage(Base):
    """A change an agent must hear about; sent to the webhook (if any) with retries."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("rosters.id", ondelete="CASCADE"))
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    gave_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class SchedulerLease(Base):
    """Who runs the scheduler, on databases without advisory locks (SQLite): a lease row."""

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


# APScheduler's SQLAlchemyJobStore table, declared here so migrations create it and the
# schema comparison knows it; the job store finds it existing and leaves it alone.
apscheduler_jobs = Table(
    "apscheduler_jobs",
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
