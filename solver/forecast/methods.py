"""Forecasting methods: history per day x interval in, one row per target day out.

Each method handles weekly seasonality by keying on the weekday and intraday seasonality by
the time-of-day column. All are deterministic, so a forecast can be reproduced.

* ``seasonal_naive``: the most recent same weekday, as is. The baseline to beat.
* ``seasonal_mean``: mean of the last four same weekdays; damps one-off noise.
* ``calendar``: daily totals by a regression on the calendar (``calendar_regression``).
* ``holt_winters``: top-down. Daily totals by Holt-Winters exponential smoothing (level,
  damped additive trend, multiplicative weekday seasonality; Holt 1957 / Winters 1960,
  Gardner & McKenzie 1985 damping), smoothing constants picked on a small grid by in-sample
  error of forecasts made four days ahead; each day's total is then spread with that
  weekday's intraday profile, an exponentially weighted mean of the recent same weekdays'
  shares of the day.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date

import numpy as np

from solver.forecast.calendar_regression import calendar_regression
from solver.forecast.daily import DayMatrix, FloatArray
from solver.forecast.profile import intraday_profile, same_weekday_rows

Method = Callable[[DayMatrix, Sequence[date]], FloatArray]

_MEAN_WEEKS = 4
_ALPHAS = (0.05, 0.1, 0.2, 0.35, 0.5)
_BETAS = (0.0, 0.05, 0.15)
_GAMMAS = (0.05, 0.1, 0.2, 0.4)
_DAMPINGS = (0.9, 0.98)
_FIT_LEAD_DAYS = 4
_CLOSED_SEASON = 0.05


def seasonal_naive(history: DayMatrix, targets: Sequence[date]) -> FloatArray:
    out = np.zeros((len(targets), history.slots_per_day))
    for t, day in enumerate(targets):
        rows = same_weekday_rows(history, day)
        if rows:
            out[t] = history.values[rows[0]]
    return out


def seasonal_mean(history: DayMatrix, targets: Sequence[date]) -> FloatArray:
    out = np.zeros((len(targets), history.slots_per_day))
    for t, day in enumerate(targets):
        rows = same_weekday_rows(history, day)[:_MEAN_WEEKS]
        if rows:
            out[t] = history.values[rows].mean(axis=0)
    return out


def holt_winters(history: DayMatrix, targets: Sequence[date]) -> FloatArray:
    out = np.zeros((len(targets), history.slots_per_day))
    if not history.dates:
        return out
    totals = history.values.sum(axis=1)
    weekdays = [d.weekday() for d in history.dates]
    last = history.dates[-1]
    # The recursions step once per observed day; a calendar day ahead is worth fewer steps
    # when some weekdays are never observed (closed days, weekday-only data).
    observed_share = len(history.dates) / ((last - history.dates[0]).days + 1)
    # Constants are chosen on the error of forecasts made the middle of a week ahead, the
    # horizon this method serves; one-step error picks constants that chase noise.
    lead = max(1, round(_FIT_LEAD_DAYS * observed_share))
    best: tuple[float, tuple[float, float, float, float]] | None = None
    for params in itertools.product(_ALPHAS, _BETAS, _GAMMAS, _DAMPINGS):
        error, _ = _smooth(totals, weekdays, *params, leads=(lead,))
        if best is None or error < best[0]:
            best = (error, params)
    assert best is not None
    _, state = _smooth(totals, weekdays, *best[1])
    level, trend, season = state
    damping = best[1][3]
    for t, day in enumerate(targets):
        if not same_weekday_rows(history, day):
            continue
        steps = max(1, round((day - last).days * observed_share))
        damped = sum(damping**i for i in range(1, steps + 1))
        total = max(0.0, (level + damped * trend) * season[day.weekday()])
        out[t] = total * intraday_profile(history, day)
    return out


def _smooth(
    totals: FloatArray,
    weekdays: list[int],
    alpha: float,
    beta: float,
    gamma: float,
    damping: float,
    leads: Sequence[int] = (1,),
) -> tuple[float, tuple[float, float, list[float]]]:
    """Run the recursions; return in-sample squared error of forecasts ``leads`` days ahead.

    Starting values: level = mean open-day total of the first two weeks, weekday indices =
    each weekday's mean over that level, trend = per-day change between those two weeks.
    """
    warm = min(len(totals), 14)
    open_totals = [x for x in totals[:warm] if x > 0]
    level = float(np.mean(open_totals)) if open_totals else 0.0
    season = [1.0] * 7
    for w in range(7):
        seen = [totals[i] for i in range(warm) if weekdays[i] == w]
        if seen and level > 0:
            season[w] = float(np.mean(seen)) / level
    trend = 0.0
    if warm == 14:
        trend = (float(np.sum(totals[7:14])) - float(np.sum(totals[:7]))) / 49.0
    error = 0.0
    levels: list[float] = []
    trends: list[float] = []
    for i, (actual, w) in enumerate(zip(totals, weekdays, strict=True)):
        base = level + damping * trend
        for lead in leads:
            if i - lead >= 7:
                past_level, past_trend = levels[i - lead], trends[i - lead]
                ahead = past_level + sum(damping**j for j in range(1, lead + 1)) * past_trend
                error += (actual - ahead * season[w]) ** 2
        if season[w] > _CLOSED_SEASON:
            new_level = alpha * actual / season[w] + (1 - alpha) * base
        else:
            new_level = base
        trend = beta * (new_level - level) + (1 - beta) * damping * trend
        level = max(new_level, 0.0)
        if level > 0:
            season[w] = gamma * actual / level + (1 - gamma) * season[w]
        levels.append(level)
        trends.append(trend)
    return error, (level, trend, season)


METHODS: dict[str, Method] = {
    "seasonal_naive": seasonal_naive,
    "seasonal_mean": seasonal_mean,
    "holt_winters": holt_winters,
    "calendar": calendar_regression,
}
