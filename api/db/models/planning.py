"""What a period is planned from: the horizon and rules, the demand, agents' availability."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utc_now


class PlanningPeriod(Base):
    """A horizon of one site; rules and weights are copied from the site when created."""

    __tablename__ = "planning_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    first_day: Mapped[date]
    days: Mapped[int]
    availability_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    weights: Mapped[dict[str, Any]] = mapped_column(JSON)
    staffing_plan: Mapped[dict[str, Any] | None] = mapped_column(
        JSON,
        default=None,
        doc="Forecast and policy the demand was staffed from (history upload); None when "
        "the demand was given as required agents. Rosters are judged against it.",
    )
    scenario_of: Mapped[int | None] = mapped_column(
        index=True,
        default=None,
        doc="Set on a what-if scenario: the period it was copied from. Never published. "
        "No foreign key: adding one makes SQLite rebuild the table, which its rows referred "
        "to by every other table forbid.",
    )
    scenario_changes: Mapped[dict[str, Any] | None] = mapped_column(
        JSON, default=None, doc="What the scenario changes (api.scenarios.schemas)."
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class DemandSeries(Base):
    """Required agents on one queue for consecutive slots from a site-local start."""

    __tablename__ = "demand_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("planning_periods.id", ondelete="CASCADE"), index=True
    )
    queue_id: Mapped[str] = mapped_column(ForeignKey("queues.id"))
    start: Mapped[datetime] = mapped_column(DateTime(timezone=False), doc="Site-local, naive.")
    required: Mapped[list[Any]] = mapped_column(JSON)


class AvailabilityWindow(Base):
    """A window an agent offers (or prefers), in the agent's own local time."""

    __tablename__ = "availability_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("planning_periods.id", ondelete="CASCADE"), index=True
    )
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"), index=True)
    start: Mapped[datetime] = mapped_column(DateTime(timezone=False), doc="Agent-local, naive.")
    end: Mapped[datetime] = mapped_column(DateTime(timezone=False), doc="Agent-local, naive.")
    preferred: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
