"""Wire format of sites, their rules, weights and queues.

Rules, weights and opening hours have wire models of their own: the API is a contract
with clients and must not change whenever the solver's models do. Services convert them to
the solver's types (``solver.problem``), whose validation then has the last word.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Literal

from pydantic import Field, model_validator

from api.caller_notice.sentences import NoticeLanguage
from api.schemas import CountryCode, ReadModel, TimeZoneName, WireModel
from solver.problem import MAX_WEIGHT, Identifier


class OpeningHoursBody(WireModel):
    """One opening span of the site, repeated on the given weekdays (site local time)."""

    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        min_length=1, max_length=7, description="0 = Monday ... 6 = Sunday."
    )
    open: time = Field(description="Local opening time, e.g. 08:00.")
    close: time = Field(description="Local closing time; 00:00 is midnight at the day's end.")

    @model_validator(mode="after")
    def _open_before_close(self) -> OpeningHoursBody:
        if self.close != time(0) and self.close <= self.open:
            raise ValueError(f"close {self.close} must be after open {self.open}")
        return self


class RulesBody(WireModel):
    """Working-time rules (hard); how they relate to each other is checked by the solver's
    ``Rules`` when the service converts them."""

    min_shift_minutes: int = Field(default=120, ge=15, le=720)
    max_shift_minutes: int = Field(default=480, ge=15, le=720)
    max_shifts_per_day: int = Field(default=1, ge=1, le=3)
    min_gap_same_day_minutes: int = Field(default=60, ge=0, le=720)
    min_rest_minutes: int = Field(default=660, ge=0, le=1440)
    max_working_days_per_week: int = Field(default=5, ge=1, le=7)
    max_minutes_per_day: int = Field(default=600, ge=15, le=1440)
    max_consecutive_days: int = Field(default=6, ge=1, le=28)
    min_weekly_rest_minutes: int = Field(default=2100, ge=0, le=2820)
    max_continuous_work_minutes: int = Field(default=360, ge=30, le=720)
    min_break_minutes: int = Field(default=20, ge=5, le=120)
    shift_length_step_minutes: int = Field(default=60, ge=15, le=240)


Weight = Annotated[
    float,
    Field(
        ge=0,
        le=MAX_WEIGHT,
        description="0 to 1,000,000: the largest weight the solver's integer model "
        "represents exactly (docs/problem-format.md).",
    ),
]


class WeightsBody(WireModel):
    """Objective weights (soft), in currency units per agent-hour or per changed shift."""

    unmet_demand: Weight = 1000.0
    unmet_contract_minimum: Weight = 200.0
    labour_cost: Weight = 1.0
    overstaffing: Weight = 1.0
    missed_preference: Weight = 0.5
    changed_shift: Weight = 500.0
    changed_hour: Weight = 50.0
    fairness: Weight = 2.0


class SiteCreate(WireModel):
    id: Identifier
    name: str = Field(default="", max_length=200)
    time_zone: TimeZoneName
    slot_minutes: Literal[15, 30] = 30
    opening_hours: list[OpeningHoursBody] = Field(min_length=1, max_length=50)
    rules: RulesBody = Field(default_factory=RulesBody)
    weights: WeightsBody = Field(default_factory=WeightsBody)


class SiteUpdate(WireModel):
    name: str | None = Field(default=None, max_length=200)
    opening_hours: list[OpeningHoursBody] | None = Field(default=None, min_length=1, max_length=50)
    weights: WeightsBody | None = None


class SiteRead(ReadModel):
    id: str
    name: str
    time_zone: str
    slot_minutes: int
    opening_hours: list[OpeningHoursBody]
    rules: RulesBody
    weights: WeightsBody
    created_at: datetime


_LANGUAGE = "Language callers hear the caller notice in"


class QueueCreate(WireModel):
    id: Identifier
    skill: Identifier
    priority: float = Field(default=1.0, gt=0, le=100)
    countries: list[CountryCode] = Field(default_factory=list, max_length=250)
    language: NoticeLanguage | None = Field(
        default=None,
        description=f"{_LANGUAGE}; default: the language the id starts with (fr-support: "
        "fr), else en.",
    )


class QueueUpdate(WireModel):
    skill: Identifier | None = None
    priority: float | None = Field(default=None, gt=0, le=100)
    countries: list[CountryCode] | None = Field(default=None, max_length=250)
    language: NoticeLanguage | None = Field(default=None, description=f"{_LANGUAGE}.")


class QueueRead(ReadModel):
    id: str
    site_id: str
    skill: str
    priority: float
    countries: list[str]
    language: str
