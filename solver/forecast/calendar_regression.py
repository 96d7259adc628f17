"""Daily volume from the calendar: weekday, recent trend, the day after a closure, month start.

Call volumes move with the calendar in ways a weekly season cannot see: the first open day
after a public holiday carries the calls of the day that was closed, and the first business
days of a month bring statements, salaries and bills. On the bank's real calls
(docs/forecasting.md) these two effects are most of the daily-level error left by seasonal
means and Holt-Winters.

The method is a weighted least-squares regression of the log of each day's total on:

* one indicator per weekday (the weekly season, multiplicative once exponentiated);
* the age of the day in years (a local linear trend; evaluated at the last history day, so
  the forecast starts from the recent level rather than extrapolating the slope);
* ``after_closure``: the previous normally open day was closed (a holiday, not a weekend);
* ``first_business_day`` and ``second_business_day`` of the month, counting the site's
  normally open weekdays.

Weights halve every ``HALF_LIFE_DAYS``, so the fit follows the recent level and weekly
pattern. Each day's total is spread over the day with the weekday's intraday profile, the
same one Holt-Winters uses. Deterministic, closed form, a few milliseconds per queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np

from solver.forecast.daily import DayMatrix, FloatArray
from solver.forecast.profile import intraday_profile

HALF_LIFE_DAYS = 28.0
_RIDGE = 1e-3
_OPEN_SHARE = 0.5


def calendar_regression(history: DayMatrix, targets: Sequence[date]) -> FloatArray:
    out = np.zeros((len(targets), history.slots_per_day))
    totals = history.values.sum(axis=1)
    calendar = _Calendar(history.dates, totals, targets)
    rows = [i for i, total in enumerate(totals) if total > 0]
    if not rows:
        return out
    last = history.dates[-1]
    features = np.array(
        [
            [*calendar.features(history.dates[i]), -(last - history.dates[i]).days / 365.0]
            for i in rows
        ]
    )
    ages = np.array([(last - history.dates[i]).days for i in rows], dtype=float)
    weights = 0.5 ** (ages / HALF_LIFE_DAYS)
    logs = np.log(totals[rows])
    weighted = features * weights[:, None]
    normal = weighted.T @ features + _RIDGE * np.eye(features.shape[1])
    beta = np.linalg.solve(normal, weighted.T @ logs)
    for t, day in enumerate(targets):
        if day.weekday() not in calendar.open_weekdays:
            continue
        x = np.array([*calendar.features(day), 0.0])
        out[t] = float(np.exp(x @ beta)) * intraday_profile(history, day)
    return out


class _Calendar:
    """Which days the site opens, from the history (a row with contacts) and the targets."""

    def __init__(self, dates: Sequence[date], totals: FloatArray, targets: Sequence[date]) -> None:
        seen: dict[int, list[bool]] = {}
        for day, total in zip(dates, totals, strict=True):
            seen.setdefault(day.weekday(), []).append(bool(total > 0))
        self.open_weekdays = {
            w for w, flags in seen.items() if sum(flags) > _OPEN_SHARE * len(flags)
        }
        self._open = {day for day, total in zip(dates, totals, strict=True) if total > 0}
        self._open |= set(targets)
        # Days known either way: the history's span and the targets' span. A day between
        # the two (history ending on a Wednesday, a forecast from Monday) is unknown and
        # taken as open.
        self._known = [(min(dates), max(dates))] if dates else []
        if targets:
            self._known.append((min(targets), max(targets)))

    def features(self, day: date) -> list[float]:
        weekday = [1.0 if day.weekday() == w else 0.0 for w in range(7)]
        business_day = self._business_day_of_month(day)
        return [
            *weekday,
            1.0 if self._after_closure(day) else 0.0,
            1.0 if business_day == 1 else 0.0,
            1.0 if business_day == 2 else 0.0,
        ]

    def _previous_normally_open(self, day: date) -> date | None:
        for back in range(1, 8):
            earlier = day - timedelta(days=back)
            if earlier.weekday() in self.open_weekdays:
                return earlier
        return None

    def _after_closure(self, day: date) -> bool:
        previous = self._previous_normally_open(day)
        if previous is None or previous in self._open:
            return False
        return any(first <= previous <= last for first, last in self._known)

    def _business_day_of_month(self, day: date) -> int:
        """1 on the month's first normally open weekday, 2 on the next, and so on (holidays
        count: the day after one is ``after_closure`` already)."""
        first = day.replace(day=1)
        return sum(
            1
            for offset in range((day - first).days + 1)
            if (first + timedelta(days=offset)).weekday() in self.open_weekdays
        )
