"""The calendar regression on histories whose calendar effects are known exactly."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from solver.forecast.calendar_regression import calendar_regression
from solver.forecast.daily import DayMatrix
from solver.forecast.methods import seasonal_mean

WEEKDAY = (1.2, 1.05, 1.0, 0.95, 0.9, 0.0, 0.0)
PROFILE = np.array([0.0] * 16 + [1.0, 2.0, 3.0, 3.0, 2.0, 2.0, 3.0, 2.0, 1.0] + [0.0] * 23)
MONTH_START = 1.25
AFTER_HOLIDAY = 1.4


def _volume(day: date, holidays: set[date]) -> float:
    """A day's calls: weekday season, +25 % on the month's first weekday, +40 % after a
    closed weekday."""
    if day.weekday() >= 5 or day in holidays:
        return 0.0
    total = 1000.0 * WEEKDAY[day.weekday()]
    if day.day <= 3 and all((day.replace(day=d)).weekday() >= 5 for d in range(1, day.day)):
        total *= MONTH_START
    previous = day - timedelta(days=1)
    while previous.weekday() >= 5:
        previous -= timedelta(days=1)
    if previous in holidays:
        total *= AFTER_HOLIDAY
    return total


def _history(first: date, days: int, holidays: set[date]) -> DayMatrix:
    """Every calendar day of the span but the holidays (unknown days are absent rows);
    weekends are rows of zeros, as the history reader makes them."""
    dates = [
        first + timedelta(days=i) for i in range(days) if first + timedelta(days=i) not in holidays
    ]
    shares = PROFILE / PROFILE.sum()
    values = np.array([_volume(d, holidays) * shares for d in dates])
    return DayMatrix(tuple(dates), values, 30)


HOLIDAYS = {date(2026, 5, 1), date(2026, 5, 14), date(2026, 5, 25), date(2026, 7, 14)}


def test_month_start_and_the_day_after_a_holiday_are_forecast() -> None:
    history = _history(date(2026, 3, 2), 150, HOLIDAYS)  # to 29 July
    august = [date(2026, 8, 3), date(2026, 8, 4)]  # Monday the month's first weekday, Tuesday
    predicted = calendar_regression(history, august).sum(axis=1)
    np.testing.assert_allclose(predicted, [1200 * MONTH_START, 1050], rtol=0.03)
    # the week of 13 July, whose Tuesday is closed: Wednesday carries the calls of both
    week = [date(2026, 7, 13), date(2026, 7, 15), date(2026, 7, 16), date(2026, 7, 17)]
    predicted = calendar_regression(history.before(week[0]), week).sum(axis=1)
    np.testing.assert_allclose(predicted, [1200, 1000 * AFTER_HOLIDAY, 950, 900], rtol=0.05)
    # the weekly season alone misses both effects
    assert abs(seasonal_mean(history, august).sum(axis=1)[0] - 1500) > 0.1 * 1500


def test_the_intraday_shape_and_closed_weekdays_are_kept() -> None:
    history = _history(date(2026, 3, 2), 120, set())
    saturday, wednesday = date(2026, 7, 4), date(2026, 7, 8)
    predicted = calendar_regression(history, [saturday, wednesday])
    assert predicted[0].sum() == 0.0
    np.testing.assert_allclose(predicted[1], 1000 * PROFILE / PROFILE.sum(), rtol=0.03)


def test_no_volume_forecasts_nothing() -> None:
    history = DayMatrix((date(2026, 3, 2),), np.zeros((1, 48)), 30)
    assert calendar_regression(history, [date(2026, 3, 9)]).sum() == 0.0
