"""A solve run: the snapshot it solved, how the search went, and how it ended."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utc_now

RUN_STATUSES = ("queued", "running", "finished", "failed", "cancelled")
#: A run in one of these has its outcome: nothing executes it or writes it again.
ENDED_STATUSES = ("finished", "failed", "cancelled")


class SolveRun(Base):
    __tablename__ = "solve_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("planning_periods.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    solver_status: Mapped[str | None] = mapped_column(String(16))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, doc="solver SolveSettings as JSON.")
    problem: Mapped[dict[str, Any]] = mapped_column(JSON, doc="The Problem snapshot solved.")
    progress: Mapped[list[Any]] = mapped_column(JSON, default=list)
    objective: Mapped[float | None] = mapped_column(Float)
    bound: Mapped[float | None] = mapped_column(Float)
    kpis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="Renewed by the process executing the run; stale means it is gone."
    )
    attempts: Mapped[int] = mapped_column(
        Integer,
        default=0,
        server_default="0",
        doc="How many times a solve worker claimed the run (the retries of a run whose "
        "worker died count here).",
    )
    claimed_by: Mapped[str | None] = mapped_column(
        String(200), doc="The solve worker that claimed the run last (host:pid)."
    )
