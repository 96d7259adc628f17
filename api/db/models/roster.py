"""Rosters and their shifts. A roster is written once; publishing gives it a version number.

The verifier's verdict is stored as typed columns (``verified_ok``, ``violation_count``),
not read back from the KPI blob: the publication gates depend on it.

A published roster is never changed: a later plan is a new roster, published as the next
version. Absences do not edit shifts either; they are recorded beside them (AbsenceImpact).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utc_now


class Roster(Base):
    __tablename__ = "rosters"
    __table_args__ = (UniqueConstraint("period_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("planning_periods.id"), index=True)
    solve_run_id: Mapped[int | None] = mapped_column(ForeignKey("solve_runs.id"))
    version: Mapped[int | None] = mapped_column(doc="Set when published; 1, 2, ... per period.")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    kpis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    verified_ok: Mapped[bool] = mapped_column(
        default=False, doc="The independent verifier found every hard rule kept."
    )
    violation_count: Mapped[int] = mapped_column(default=0, doc="Hard-rule violations found.")
    service_level: Mapped[dict[str, Any] | None] = mapped_column(
        JSON,
        default=None,
        doc="Expected service per queue and slot (Erlang) when recorded; None without a "
        "forecast (see api.servicelevel).",
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class RosterShift(Base):
    __tablename__ = "roster_shifts"

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("rosters.id", ondelete="CASCADE"), index=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"), index=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    breaks: Mapped[list[Any]] = mapped_column(JSON, default=list)
    activities: Mapped[list[Any]] = mapped_column(JSON, default=list)
    locked: Mapped[bool] = mapped_column(
        default=False,
        doc="Kept as it is by a solve started with locks_from_roster_id naming this roster.",
    )
