"""The forecast as data: what ``homeshore staff`` writes beside the planning problem.

Contacts and handle times are given per slot of the planning horizon's slot grid (the same
absolute slots the solver uses), so a roster can be judged against them slot by slot.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from solver.problem import Horizon, Identifier

FORECAST_FORMAT_VERSION: Literal["1.0"] = "1.0"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MethodScore(_Strict):
    """Error of one method on the holdout week (None when the holdout had no contacts)."""

    method: str
    wape: float | None = Field(description="Sum of absolute errors / sum of actual contacts.")
    mape: float | None = Field(description="Mean absolute percentage error over slots > 0.")
    daily_wape: float | None = Field(
        default=None, description="WAPE of daily totals: the error left once slots are summed."
    )


class Adjustment(_Strict):
    """A manual uplift (or cut) of forecast contacts over a span of site-local time."""

    queue: Identifier | None = Field(default=None, description="Queue id; None means all.")
    start: datetime = Field(description="Site-local start (naive), inclusive.")
    end: datetime = Field(description="Site-local end (naive), exclusive.")
    percent: float = Field(gt=-100, le=1000, description="+20 means 20 % more contacts.")

    @model_validator(mode="after")
    def _ordered(self) -> Adjustment:
        if self.end <= self.start:
            raise ValueError(f"adjustment end {self.end} must be after start {self.start}")
        return self


class QueueForecast(_Strict):
    """Forecast of one queue over the horizon's slots."""

    queue: Identifier
    method: str = Field(description="Method used for contacts.")
    holdout: list[MethodScore] = Field(description="Holdout error of every method tried.")
    contacts: list[float] = Field(description="Expected contacts offered in each slot.")
    aht_seconds: list[float] = Field(description="Expected average handle time in each slot.")
    contacts_outside_opening: float = Field(
        default=0.0, description="Forecast contacts falling while the site is closed (dropped)."
    )


class Forecast(_Strict):
    """Contacts and handle time per queue and slot for a planning horizon."""

    format_version: Literal["1.0"] = FORECAST_FORMAT_VERSION
    horizon: Horizon
    history_first_day: date
    history_last_day: date
    history_interval_minutes: int
    queues: list[QueueForecast]
    adjustments: list[Adjustment] = Field(default_factory=list)

    def of(self, queue: str) -> QueueForecast:
        for item in self.queues:
            if item.queue == queue:
                return item
        raise KeyError(f"no forecast for queue {queue!r}")
