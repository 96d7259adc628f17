"""Absences reported by planners, and the published shifts each one hits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utc_now


class Absence(Base):
    """One per agent, start, end and reason: the same report twice is one absence."""

    __tablename__ = "absences"
    __table_args__ = (UniqueConstraint("agent_id", "start", "end", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"), index=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(500))
    reported_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    healed_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="Set by the re-planning job once a new version covers the gap."
    )


class AbsenceImpact(Base):
    """A published shift an absence overlaps: what the re-planning job must heal."""

    __tablename__ = "absence_impacts"

    absence_id: Mapped[int] = mapped_column(
        ForeignKey("absences.id", ondelete="CASCADE"), primary_key=True
    )
    shift_id: Mapped[int] = mapped_column(ForeignKey("roster_shifts.id"), primary_key=True)
