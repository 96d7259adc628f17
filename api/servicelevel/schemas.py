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


class SimulationCreate(BaseModel):
    """How to simulate: independent replications and the seed they are drawn from."""

    model_config = {"extra": "forbid"}

    replications: int = Field(default=10, ge=2, le=50, description="Independent runs.")
    seed: int = Field(default=0, ge=0, le=2**31 - 1, description="Same seed, same figures.")


class EstimateRead(BaseModel):
    mean: float | None = Field(description="Mean over replications; None if never observed.")
    half_width: float | None = Field(description="Half-width of the confidence interval.")


class SimulatedWeekRead(BaseModel):
    queue: str | None = Field(description="Queue id; None for all queues together.")
    week: int
    contacts: float = Field(description="Forecast contacts of the week.")
    service_level: EstimateRead
    asa_seconds: EstimateRead
    abandonment: EstimateRead
    occupancy: EstimateRead
    erlang_service_level: float | None = Field(description="Erlang for the queue's own agents.")
    erlang_asa_seconds: float | None


class SimulatedSlotRead(BaseModel):
    queue: str
    slot: int
    start: datetime = Field(description="Site-local start of the slot (naive).")
    contacts: float
    staffed: int = Field(description="Agents the roster puts on the queue (no shrinkage).")
    service_level: EstimateRead
    asa_seconds: EstimateRead
    abandonment: EstimateRead
    occupancy: EstimateRead
    erlang_service_level: float
    erlang_asa_seconds: float | None
    erlang_abandonment: float | None


class SimulationSummary(BaseModel):
    """A stored simulation run, its figures per queue and week."""

    id: int
    roster_id: int
    replications: int
    seed: int
    confidence: float
    model: Literal["erlang_c", "erlang_a"]
    answer_seconds: float
    patience_seconds: float | None
    wall_seconds: float
    created_at: datetime
    weeks: list[SimulatedWeekRead]


class SimulationRead(SimulationSummary):
    """The same with every queue and slot."""

    slots: list[SimulatedSlotRead]
