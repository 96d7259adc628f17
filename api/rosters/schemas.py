"""Wire format of rosters and shifts (absolute times, with UTC offsets)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from api.schemas import OffsetDateTime, WireModel
from solver.problem import Identifier


class SpanRead(WireModel):
    start: datetime
    end: datetime


class ActivityRead(SpanRead):
    queue: str


class ShiftRead(WireModel):
    id: int
    agent_id: str
    start: datetime
    end: datetime
    local_start: datetime = Field(description="Start in the site's time zone.")
    breaks: list[SpanRead]
    activities: list[ActivityRead]
    absence_ids: list[int] = Field(
        default_factory=list, description="Reported absences that hit this shift."
    )
    locked: bool = Field(default=False, description="Kept by a solve around this roster's locks.")


class RosterSummary(WireModel):
    id: int
    period_id: int
    solve_run_id: int | None
    version: int | None = Field(description="Set once published: 1, 2, ... per period.")
    published_at: datetime | None
    created_at: datetime
    shift_count: int
    kpis: dict[str, Any] = Field(description="Headline figures from the verifier.")


class RosterRead(RosterSummary):
    shifts: list[ShiftRead]


class CoverageRow(WireModel):
    queue: str
    start: datetime = Field(description="Site-local slot start.")
    required: int
    scheduled: int
    unmet: int
    over: int
    countries: list[str] = Field(
        description="Countries of the agents serving the queue in the slot, sorted (what the "
        "caller notice announces once the roster is published)."
    )


class MovedShift(WireModel):
    before: SpanRead
    after: SpanRead


class ShiftChange(WireModel):
    """One agent's changes; a shift whose hours or breaks changed on its day is "moved"."""

    agent_id: str
    added: list[SpanRead]
    removed: list[SpanRead]
    moved: list[MovedShift]
    hours_before: float = Field(description="Worked hours in the base version (breaks excluded).")
    hours_after: float = Field(description="Worked hours in the other version.")


class RosterComparison(WireModel):
    period_id: int
    base_roster_id: int
    other_roster_id: int
    base_version: int | None = Field(description="Published version of base; null for a draft.")
    other_version: int | None = Field(description="Published version of other; null for a draft.")
    unchanged_shifts: int
    changes: list[ShiftChange]
    hours_delta: float = Field(description="Worked hours of other minus base (breaks excluded).")


class PublishedShifts(WireModel):
    agent_id: str
    shifts: list[ShiftRead]


class LockBody(WireModel):
    locked: bool = Field(description="True keeps the shift in a solve around this roster's locks.")


class ShiftEdit(WireModel):
    """One change to a roster by hand: move (or shorten) a shift, delete it, or add one."""

    action: Literal["move", "delete", "add"]
    shift_id: int | None = Field(default=None, ge=1, description="The shift moved or deleted.")
    agent_id: Identifier | None = Field(default=None, description="Who works an added shift.")
    queue: Identifier | None = Field(default=None, description="The queue an added shift serves.")
    start: OffsetDateTime | None = Field(default=None, description="New or added start.")
    end: OffsetDateTime | None = Field(default=None, description="New or added end.")


class EditResult(WireModel):
    roster_id: int = Field(description="The draft edited: a new one when a published was named.")
    new_draft: bool = Field(description="True when the edit made a new draft of a published one.")
    verified_ok: bool
    coverage_percent: float | None
