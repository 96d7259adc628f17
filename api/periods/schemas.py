"""Wire format of planning periods and demand uploads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from api.schemas import LocalDateTime, OffsetDateTime, PlanDate, WireModel
from api.sites.schemas import RulesBody, WeightsBody
from solver.problem import MAX_HORIZON_DAYS, Identifier

MAX_SLOTS = MAX_HORIZON_DAYS * 24 * 4


class PeriodCreate(WireModel):
    name: str = Field(default="", max_length=200)
    first_day: PlanDate = Field(description="First planned day, site-local.")
    days: int = Field(default=7, ge=1, le=MAX_HORIZON_DAYS)
    availability_closes_at: OffsetDateTime | None = Field(
        default=None,
        description="When agents can no longer change availability; default is the site-local "
        "start of the period minus HOMESHORE_AVAILABILITY_CUTOFF_HOURS.",
    )


class PeriodUpdate(WireModel):
    """Only the fields sent change."""

    name: str | None = Field(default=None, max_length=200)
    availability_closes_at: OffsetDateTime | None = Field(
        default=None,
        description="Now (or earlier) closes availability; a later moment, at or before the "
        "period's start, reopens it (409 once a roster is published).",
    )


class PeriodRead(WireModel):
    id: int
    site_id: str
    name: str
    first_day: date
    days: int
    availability_closes_at: datetime
    availability_open: bool = Field(description="Whether agents may still change availability.")
    published_version: int | None = Field(description="Latest published roster version.")
    rules: RulesBody
    weights: WeightsBody
    scenario_of: int | None = Field(
        default=None, description="A what-if scenario's baseline period (never published)."
    )


class DemandSeriesIn(WireModel):
    queue: Identifier
    start: LocalDateTime = Field(description="Site-local start of the first slot.")
    required: list[Annotated[int, Field(ge=0, le=100_000)]] = Field(
        min_length=1, max_length=MAX_SLOTS
    )


class DemandUpload(WireModel):
    series: list[DemandSeriesIn] = Field(max_length=2000)


class DemandRead(WireModel):
    period_id: int
    series: list[DemandSeriesIn]
