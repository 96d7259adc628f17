"""statsforecast's MSTL and AutoETS as forecasting methods: series of open intervals only,
holidays filled so the weekly season keeps its phase, chosen by ``method="mstl"``.

Few and small (a few weeks of 24 open half-hours): statsforecast's import and fits take
about two seconds in all here."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from solver.forecast.accuracy import wape
from solver.forecast.daily import DayMatrix
from solver.forecast.horizon import forecast_horizon
from solver.forecast.statistical import autoets, mstl
from tests.test_forecast import WEEKDAY, _demo_horizon, shape, synthetic

pytest.importorskip("statsforecast")

MONDAY = date(2026, 9, 7)
FACTOR = (1.3, 1.0, 0.8, 1.1, 0.7)


def _weekdays(weeks: int, skip: tuple[date, ...] = ()) -> tuple[DayMatrix, DayMatrix]:
    """Weekday-only history with weekday factors and a daily shape; the week after it."""
    days = [
        MONDAY + timedelta(days=d)
        for d in range(7 * (weeks + 1))
        if (MONDAY + timedelta(days=d)).weekday() < 5
    ]
    values = np.array(
        [[FACTOR[day.weekday()] * 10 * shape(m) for m in range(0, 1440, 30)] for day in days]
    )
    data = DayMatrix(tuple(days), values, 30)
    cut = MONDAY + timedelta(weeks=weeks)
    train = data.before(cut)
    keep = [i for i, d in enumerate(train.dates) if d not in skip]
    train = DayMatrix(tuple(train.dates[i] for i in keep), train.values[keep], 30)
    return train, data.since(cut)


def test_mstl_follows_both_seasons_across_a_holiday() -> None:
    holiday = MONDAY + timedelta(weeks=3, days=2)  # a Wednesday: a missing row
    train, test = _weekdays(5, skip=(holiday,))
    weekend = [test.dates[-1] + timedelta(days=1), test.dates[-1] + timedelta(days=2)]
    predicted = mstl(train, [*test.dates, *weekend])
    assert wape(test.values, predicted[: len(test.dates)]) < 0.02, "phase kept after the gap"
    assert not predicted[len(test.dates) :].any(), "weekend days never seen stay at zero"
    closed = test.values.sum(axis=0) == 0
    assert not predicted[:, closed].any(), "closed intervals stay at zero"


def test_autoets_follows_the_daily_season() -> None:
    train, test = _weekdays(4)
    assert wape(test.values, autoets(train, list(test.dates))) < 0.25


def test_homeshore_staff_can_choose_mstl() -> None:
    history = synthetic(5, lambda d, day, m: 10 * WEEKDAY[day.weekday()] * shape(m))
    forecast = forecast_horizon(history, _demo_horizon(), ["q"], method="mstl")
    queue = forecast.queues[0]
    assert queue.method == "mstl"
    assert {s.method for s in queue.holdout} >= {"seasonal_naive", "holt_winters", "mstl"}
    assert sum(queue.contacts[6 * 48 :]) == 0, "Sunday, never open, gets nothing"
    monday = sum(queue.contacts[:48])
    assert monday == pytest.approx(
        10 * WEEKDAY[0] * sum(shape(m) for m in range(0, 1440, 30)), rel=0.05
    )
