"""Wire format of re-plans."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api.rosters.schemas import SpanRead
from api.schemas import WireModel


class ShiftChangeRead(WireModel):
    agent_id: str
    kind: Literal["added", "removed", "moved"]
    before: SpanRead | None = Field(description="The published shift; None when added.")
    after: SpanRead | None = Field(description="The shift in the draft; None when removed.")


class ReplanRead(WireModel):
    id: int
    period_id: int
    trigger: Literal["absence", "nightly", "manual", "open_shifts"]
    base_roster_id: int = Field(description="The published roster the re-plan started from.")
    solve_run_id: int
    status: Literal["queued", "running", "finished", "failed", "cancelled"]
    solver_status: str | None
    error: str | None = Field(description="Why the run failed (the published roster is intact).")
    roster_id: int | None = Field(description="The draft roster, when one was found.")
    replan_from: datetime = Field(description="Shifts starting earlier were kept as they were.")
    absence_ids: list[int] = Field(description="Absences this re-plan took into account.")
    coverage_before: float | None = Field(description="Coverage % of the published roster.")
    coverage_after: float | None = Field(description="Coverage % of the draft.")
    changes: list[ShiftChangeRead] | None = Field(
        description="Per-agent changes from the published roster; None until solved."
    )
    created_at: datetime
    finished_at: datetime | None
