"""Wire format of sites, their rules and queues.

Rules, weights and opening hours are sent in the solver's own format (``solver.problem``),
so they are validated by the same code that will read them when planning.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api.schemas import ReadModel, TimeZoneName, WireModel
from solver.problem import CountryCode, Identifier, OpeningHours, Rules, Weights


class SiteCreate(WireModel):
    id: Identifier
    name: str = Field(default="", max_length=200)
    time_zone: TimeZoneName
    slot_minutes: Literal[15, 30] = 30
    opening_hours: list[OpeningHours] = Field(min_length=1, max_length=50)
    rules: Rules = Field(default_factory=Rules)
    weights: Weights = Field(default_factory=Weights)


class SiteUpdate(WireModel):
    name: str | None = Field(default=None, max_length=200)
    opening_hours: list[OpeningHours] | None = Field(default=None, min_length=1, max_length=50)
    weights: Weights | None = None


class SiteRead(ReadModel):
    id: str
    name: str
    time_zone: str
    slot_minutes: int
    opening_hours: list[OpeningHours]
    rules: Rules
    weights: Weights
    created_at: datetime


class QueueCreate(WireModel):
    id: Identifier
    skill: Identifier
    priority: float = Field(default=1.0, gt=0, le=100)
    countries: list[CountryCode] = Field(default_factory=list, max_length=250)


class QueueUpdate(WireModel):
    skill: Identifier | None = None
    priority: float | None = Field(default=None, gt=0, le=100)
    countries: list[CountryCode] | None = Field(default=None, max_length=250)


class QueueRead(ReadModel):
    id: str
    site_id: str
    skill: str
    priority: float
    countries: list[str]
