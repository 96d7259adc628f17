"""A site (one contact centre: time zone, opening hours, default rules) and its queues."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utc_now


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    time_zone: Mapped[str] = mapped_column(String(64))
    slot_minutes: Mapped[int]
    opening_hours: Mapped[list[Any]] = mapped_column(JSON)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, doc="solver.problem.Rules as JSON.")
    weights: Mapped[dict[str, Any]] = mapped_column(JSON, doc="solver.problem.Weights as JSON.")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Queue(Base):
    __tablename__ = "queues"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"), index=True)
    skill: Mapped[str] = mapped_column(String(64))
    priority: Mapped[float] = mapped_column(Float, default=1.0)
    countries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(
        String(8), default="en", doc="Language callers are told the caller notice in."
    )
