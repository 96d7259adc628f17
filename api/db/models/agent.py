"""A home agent: who they are, where they work from, what they may work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    time_zone: Mapped[str] = mapped_column(String(64))
    country: Mapped[str] = mapped_column(String(2))
    skills: Mapped[list[Any]] = mapped_column(JSON)
    hourly_cost: Mapped[float] = mapped_column(Float)
    contract_min_hours_per_week: Mapped[float] = mapped_column(Float, default=0.0)
    contract_max_hours_per_week: Mapped[float] = mapped_column(Float)
    aid_cap_hours_per_week: Mapped[float | None] = mapped_column(Float)
    aid_cap_hours_per_day: Mapped[float | None] = mapped_column(Float)
    accepts_changes: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    seen_roster_ids: Mapped[list[Any] | None] = mapped_column(
        JSON, doc="Published rosters the agent last looked at (My shifts); None: never."
    )
    calendar_feed_hash: Mapped[str | None] = mapped_column(
        String(64), unique=True, index=True, doc="SHA-256 of the agent's secret calendar feed."
    )
    calendar_feed_key_id: Mapped[int | None] = mapped_column(
        doc="The API key whose session made the feed: the feed answers only while that key "
        "does. No foreign key (api_keys already points here; keys are revoked, never deleted)."
    )
