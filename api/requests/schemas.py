"""Wire format of agents' requests, open shifts and request policies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field, model_validator

from api.availability.schemas import MAX_WINDOWS, AvailabilityRead, WindowIn
from api.requests.policies import Policy, RequestKind
from api.rosters.schemas import SpanRead
from api.schemas import OffsetDateTime, WireModel
from solver.problem import Identifier


class TimeOffCreate(WireModel):
    start: OffsetDateTime = Field(description="Start of the time off, with a UTC offset.")
    end: OffsetDateTime = Field(description="End, with a UTC offset, after start.")
    note: str = Field(default="", max_length=500, description="For the manager, if one answers.")

    @model_validator(mode="after")
    def _ordered(self) -> TimeOffCreate:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be after start {self.start}")
        if (self.end - self.start).days > 28:
            raise ValueError("time off spans at most 28 days; ask once per period")
        return self


class DropCreate(WireModel):
    shift_id: int = Field(ge=1, description="A shift of the agent in the published roster.")
    note: str = Field(default="", max_length=500)


class PickUpCreate(WireModel):
    open_shift_id: int = Field(ge=1, description="An open shift the agent may work.")
    note: str = Field(default="", max_length=500)


class SwapCreate(WireModel):
    shift_id: int = Field(ge=1, description="The agent's shift in the published roster.")
    colleague_id: Identifier | None = Field(
        default=None, description="A named colleague; none: offered to those who may take it."
    )
    their_shift_id: int | None = Field(
        default=None, ge=1, description="With a named colleague: their shift in exchange."
    )
    note: str = Field(default="", max_length=500)


class ExtraHoursCreate(WireModel):
    period_id: int = Field(ge=1, description="A period with a published roster.")
    windows: list[WindowIn] = Field(
        min_length=1, max_length=MAX_WINDOWS, description="New windows, in the agent's time."
    )


class DeclineBody(WireModel):
    note: str = Field(default="", max_length=500, description="Why, for the agent.")


class ReasonRead(WireModel):
    code: str = Field(description="What the reason is, for machines (api/requests/reasons.py).")
    params: dict[str, Any] = Field(
        description="Its values: queue ids, counts, ISO days, UTC instants (start, end)."
    )
    text: str = Field(
        description="The reason in the caller's language (?lang= or Accept-Language: en, fr), "
        "times in the agent's time zone."
    )


class RequestRead(WireModel):
    id: int
    kind: RequestKind
    agent_id: str
    period_id: int
    status: str = Field(
        description="offered (a swap waiting for a colleague), pending (for a manager), "
        "waitlisted (time off approved automatically when a place frees), approved, declined "
        "or withdrawn."
    )
    start: datetime
    end: datetime
    local_start: datetime = Field(description="start in the agent's time zone.")
    local_end: datetime = Field(description="end in the agent's time zone.")
    open_shift_id: int | None
    colleague_id: str | None = Field(description="A swap: the colleague named or who accepted.")
    candidates: list[str] = Field(
        description="A swap offered to a list: colleagues who may legally take it, best first."
    )
    note: str
    decision: str = Field(
        description="Why it was decided so, or why a manager must answer: the reasons' texts, "
        "in the caller's language."
    )
    reasons: list[ReasonRead] = Field(description="The same reasons, one by one, with codes.")
    impact: dict[str, Any] = Field(
        description="coverage (queue slots falling below the policy), hours and cost deltas."
    )
    version: int | None = Field(description="The roster version the approval published.")
    created_at: datetime
    decided_at: datetime | None


class OpenShiftRead(WireModel):
    id: int
    period_id: int
    start: datetime
    end: datetime
    local_start: datetime = Field(description="start in the reader's time zone.")
    local_end: datetime
    breaks: list[SpanRead]
    queues: list[str]
    hours: float = Field(description="Paid hours (breaks left out).")
    status: str


class ExtraHoursRead(WireModel):
    request: RequestRead
    availability: AvailabilityRead = Field(description="The windows now stored, with notes.")
    open_shifts: list[OpenShiftRead] = Field(
        description="Open shifts the agent may now legally work (from dropped or freed hours "
        "and unmet demand)."
    )


PolicyBody = Policy
