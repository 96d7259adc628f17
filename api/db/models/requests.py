"""Agents' requests after publication (time off, drop, pick-up), the open shifts they free
and take, and each site's request policy."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utc_now


class RequestPolicy(Base):
    """A site's request policy (``api.requests.policies.Policy`` as JSON); none means defaults."""

    __tablename__ = "request_policies"

    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"), primary_key=True)
    policy: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class AgentRequest(Base):
    """One request of an agent and, once decided, why and which roster version it produced."""

    __tablename__ = "agent_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), doc="time_off, drop, pick_up or swap.")
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("planning_periods.id"), index=True)
    status: Mapped[str] = mapped_column(
        String(16),
        index=True,
        doc="offered (a swap waiting for a colleague), pending, approved, declined, withdrawn.",
    )
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    open_shift_id: Mapped[int | None] = mapped_column(ForeignKey("open_shifts.id"))
    colleague_id: Mapped[str | None] = mapped_column(
        ForeignKey("agents.id"), doc="A swap: the colleague named, or the one who accepted."
    )
    their_start: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="A swap in exchange: the colleague's shift given back, its start."
    )
    their_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    candidates: Mapped[list[Any]] = mapped_column(
        JSON, default=list, doc="A swap offered to a list: the colleagues who may take it."
    )
    note: Mapped[str] = mapped_column(String(500), default="")
    decision: Mapped[str] = mapped_column(
        String(2000), default="", doc="Why it was decided (or sent to a manager), in English."
    )
    reasons: Mapped[list[Any]] = mapped_column(
        JSON,
        default=list,
        doc="The decision's reasons as codes and parameters (api.requests.reasons); rendered "
        "in the reader's language. Empty for rows older than the codes: ``decision`` then.",
    )
    impact: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    roster_id: Mapped[int | None] = mapped_column(
        ForeignKey("rosters.id"), doc="The published version the approval produced."
    )
    absence_id: Mapped[int | None] = mapped_column(ForeignKey("absences.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OpenShift(Base):
    """Hours nobody works in the published roster that an agent may pick up."""

    __tablename__ = "open_shifts"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("planning_periods.id"), index=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    breaks: Mapped[list[Any]] = mapped_column(JSON, default=list)
    activities: Mapped[list[Any]] = mapped_column(JSON, default=list)
    freed_by_request_id: Mapped[int | None] = mapped_column(
        doc="The request that freed these hours (no foreign key: requests name open shifts)."
    )
    status: Mapped[str] = mapped_column(String(16), index=True, doc="open or taken.")
    taken_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
