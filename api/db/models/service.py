"""Simulations of a roster's service: each run is kept with its seed, so it can be repeated."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utc_now


class RosterSimulation(Base):
    """One simulation of a roster against its period's forecast (``solver.simulation``)."""

    __tablename__ = "roster_simulations"

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("rosters.id", ondelete="CASCADE"), index=True)
    replications: Mapped[int]
    seed: Mapped[int]
    report: Mapped[dict[str, Any]] = mapped_column(JSON, doc="SimulationReport.as_dict().")
    wall_seconds: Mapped[float] = mapped_column(Float)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
