"""Wire format of a roster's expected service level."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class SlotServiceRead(BaseModel):
    queue: str
    start: datetime = Field(description="Site-local start of the slot (naive).")
    contacts: float = Field(description="Forecast contacts offered in the slot.")
    staffed: int = Field(description="Agents the roster puts on the queue for the whole slot.")
    on_phones: int = Field(description="Staffed agents left after the plan's shrinkage.")
    service_level: float = Field(description="Share of offered contacts answered in time.")
    asa_seconds: float | None = Field(
        description="Mean wait of answered contacts; None when unbounded (Erlang C overload)."
    )
    prob_abandon: float | None = Field(description="Erlang A only: share hanging up.")


class WeekServiceRead(BaseModel):
    queue: str | None = Field(description="Queue id; None for all queues together.")
    week: int = Field(description="0 for the period's first week.")
    contacts: float
    service_level: float | None = Field(description="Weighted by forecast contacts.")
    asa_seconds: float | None
    slots_below_target: int
    unstable_slots: int = Field(description="Erlang C slots with no more agents than load.")


class ServiceLevelRead(BaseModel):
    """The roster's expected service, or why there is none (no forecast for the period)."""

    roster_id: int
    available: bool
    reason: str | None = Field(default=None, description="Why no figures, when not available.")
    model: Literal["erlang_c", "erlang_a"] | None = None
    target_service_level: float | None = None
    answer_seconds: float | None = None
    patience_seconds: float | None = None
    shrinkage: float | None = None
    weeks: list[WeekServiceRead] = Field(default_factory=list)
    slots: list[SlotServiceRead] = Field(default_factory=list)
