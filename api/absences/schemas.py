"""Wire format of absences."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from api.rosters.schemas import ShiftRead
from api.schemas import OffsetDateTime, WireModel
from solver.problem import Identifier


class AbsenceCreate(WireModel):
    agent_id: Identifier
    start: OffsetDateTime = Field(description="Start, with a UTC offset.")
    end: OffsetDateTime = Field(description="End, with a UTC offset, after start.")
    reason: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _ordered(self) -> AbsenceCreate:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be after start {self.start}")
        if (self.end - self.start).days > 366:
            raise ValueError("an absence spans at most 366 days")
        return self


class AbsenceRead(WireModel):
    id: int
    agent_id: str
    start: datetime
    end: datetime
    reason: str
    created_at: datetime
    healed_at: datetime | None = Field(description="When a re-plan covered it; None until then.")
    affected_shifts: list[ShiftRead] = Field(
        description="Published shifts the absence overlaps; the re-planning job heals these."
    )
