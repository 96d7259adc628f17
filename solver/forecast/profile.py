"""The weekly and intraday shape of a history, shared by the methods that forecast a day's
total first and spread it over the day afterwards."""

from __future__ import annotations

from datetime import date

import numpy as np

from solver.forecast.daily import DayMatrix, FloatArray

_PROFILE_WEEKS = 6
_PROFILE_DECAY = 0.7


def same_weekday_rows(history: DayMatrix, day: date) -> list[int]:
    """Row indices of earlier days with the weekday of ``day``, most recent first."""
    return [
        i
        for i in range(len(history.dates) - 1, -1, -1)
        if history.dates[i].weekday() == day.weekday() and history.dates[i] < day
    ]


def intraday_profile(history: DayMatrix, day: date) -> FloatArray:
    """Expected share of the day's contacts in each interval, for the weekday of ``day``."""
    totals = history.values.sum(axis=1)
    rows = [i for i in same_weekday_rows(history, day) if totals[i] > 0][:_PROFILE_WEEKS]
    if not rows:
        rows = [i for i in range(len(history.dates)) if totals[i] > 0]
    if not rows:
        return np.zeros(history.slots_per_day)
    weights = _PROFILE_DECAY ** np.arange(len(rows), dtype=float)
    shares = history.values[rows] / totals[rows, None]
    profile: FloatArray = (weights[:, None] * shares).sum(axis=0) / weights.sum()
    return profile
