"""Forecasts by statsforecast (Nixtla), the reference library of statistical models.

* ``mstl``: MSTL (Bandara, Hyndman & Bergmeir 2021) on the half-hourly series itself, with a
  daily and a weekly seasonality (the open intervals of a day, and those of a week), its
  trend forecast by AutoETS; the decomposition Hyndman & Athanasopoulos use on these very
  bank calls ("Forecasting: Principles and Practice", 2nd ed., 11.1).
* ``autoets``: AutoETS (Hyndman et al. 2002, the state-space ETS family chosen by AICc) on
  the half-hourly series with the daily seasonality.

Both read the series as only its open intervals of its open weekdays, back to back: a
closed night or weekend is no observation, and the seasonal periods count open intervals
(29 a day and 145 a week for a bank open 07:00-21:30 on weekdays). A missing open day (a
holiday) is filled with the same weekday a week before, so that the weekly season keeps its
phase; a holiday inside the forecast week is forecast like any other day.

statsforecast is imported only when one of these methods runs (about 1.3 s here; no JIT in
statsforecast 2), so the solver and the other methods never pay for it. It is an optional
dependency (``pip install 'homeshore[statsforecast]'``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np

from solver.forecast.daily import DayMatrix, FloatArray

Method = Callable[[DayMatrix, Sequence[date]], FloatArray]
INSTALL_HINT = "pip install 'homeshore[statsforecast]'"


class StatsforecastMissing(RuntimeError):
    """statsforecast is not installed; the message says how to install it."""


def _models() -> Any:
    try:
        from statsforecast import models
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise StatsforecastMissing(
            f"this forecasting method needs statsforecast: {INSTALL_HINT}"
        ) from exc
    return models


def _open_layout(history: DayMatrix) -> tuple[FloatArray, list[int], list[int]]:
    """Open columns (any contacts ever) and open weekdays, as masks and sorted lists."""
    columns = np.flatnonzero(history.values.sum(axis=0) > 0)
    totals = history.values.sum(axis=1)
    weekdays = sorted({d.weekday() for d, t in zip(history.dates, totals, strict=True) if t > 0})
    return history.values[:, columns], [int(c) for c in columns], weekdays


def _calendar(first: date, last: date, weekdays: list[int]) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() in weekdays:
            days.append(day)
        day += timedelta(days=1)
    return days


def _statistical(
    history: DayMatrix, targets: Sequence[date], fit: Callable[..., Any]
) -> FloatArray:
    out = np.zeros((len(targets), history.slots_per_day))
    if not history.dates or not targets:
        return out
    values, columns, weekdays = _open_layout(history)
    if not columns:
        return out
    per_day, per_week = len(columns), len(columns) * len(weekdays)
    past = _calendar(history.dates[0], history.dates[-1], weekdays)
    row_of = {d: i for i, d in enumerate(history.dates)}
    filled: dict[date, FloatArray] = {}
    for day in past:
        if day in row_of:
            filled[day] = values[row_of[day]]
        else:
            filled[day] = filled.get(day - timedelta(days=7), np.zeros(per_day))
    series = np.concatenate([filled[d] for d in past])
    ahead = _calendar(history.dates[-1] + timedelta(days=1), max(targets), weekdays)
    if not ahead:
        return out
    forecast = np.asarray(fit(series, len(ahead) * per_day, per_day, per_week), dtype=float)
    by_day = np.maximum(forecast.reshape(len(ahead), per_day), 0.0)
    position = {d: i for i, d in enumerate(ahead)}
    for t, day in enumerate(targets):
        if day in position:
            out[t, columns] = by_day[position[day]]
    return out


def _fit_mstl(series: FloatArray, steps: int, per_day: int, per_week: int) -> Any:
    models = _models()
    seasons = [per_day, per_week] if len(series) >= 2 * per_week and per_week > per_day else []
    if not seasons and len(series) >= 2 * per_day:
        seasons = [per_day]
    if not seasons:
        return np.full(steps, float(series.mean()))
    model = models.MSTL(season_length=seasons, trend_forecaster=models.AutoETS(model="ZZN"))
    return model.forecast(y=series, h=steps)["mean"]


def _fit_autoets(series: FloatArray, steps: int, per_day: int, _per_week: int) -> Any:
    models = _models()
    season = per_day if len(series) >= 2 * per_day else 1
    return models.AutoETS(season_length=season).forecast(y=series, h=steps)["mean"]


def mstl(history: DayMatrix, targets: Sequence[date]) -> FloatArray:
    return _statistical(history, targets, _fit_mstl)


def autoets(history: DayMatrix, targets: Sequence[date]) -> FloatArray:
    return _statistical(history, targets, _fit_autoets)


STATISTICAL_METHODS: dict[str, Method] = {"mstl": mstl, "autoets": autoets}
