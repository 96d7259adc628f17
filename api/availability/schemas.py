"""Wire format of availability: naive local date-times in the agent's own time zone."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from api.schemas import LocalDateTime, WireModel

MAX_WINDOWS = 1000


class WindowIn(WireModel):
    start: LocalDateTime = Field(description="Agent-local start, e.g. 2030-01-07T08:00.")
    end: LocalDateTime = Field(description="Agent-local end, after start.")

    @model_validator(mode="after")
    def _start_before_end(self) -> WindowIn:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be after start {self.start}")
        return self


class AvailabilitySubmission(WireModel):
    """Windows the agent can work, and optionally windows they would rather work in."""

    windows: list[WindowIn] = Field(default_factory=list, max_length=MAX_WINDOWS)
    preferred: list[WindowIn] = Field(default_factory=list, max_length=MAX_WINDOWS)


class WindowRead(WireModel):
    id: int
    start: datetime
    end: datetime


class AvailabilityRead(WireModel):
    period_id: int
    agent_id: str
    time_zone: str = Field(description="The agent's time zone, in which the windows are given.")
    closes_at: datetime = Field(description="After this, availability can no longer change.")
    open: bool
    windows: list[WindowRead]
    preferred: list[WindowRead]
    notes: list[str] = Field(
        default_factory=list,
        description="What was kept of the windows as sent, one sentence each: the part of a "
        "window outside the period is dropped (only in the answer to a submission or check).",
    )


class AvailabilityCheck(WireModel):
    """A submission that would be accepted (one that would not answers 422, as ``POST``)."""

    period_id: int
    agent_id: str
    valid: bool = Field(description="Always true: a refused submission answers 422.")
    hours_offered: float = Field(
        description="Available hours once the submission is applied, in real elapsed time "
        "(a window across a daylight-saving night counts the hours the clocks really run)."
    )
    notes: list[str] = Field(
        default_factory=list,
        description="What was kept of the windows as sent, one sentence each: the part of a "
        "window outside the period is dropped (only in the answer to a submission or check).",
    )
