"""Forecast the planning horizon of a problem from interval history.

For each queue: score every method on the last week of history, forecast the horizon days
with the best one (or the one asked for), forecast handle time, then lay both onto the
horizon's slot grid. History at 15 minutes is summed into 30-minute slots; history at 30
minutes is split evenly into 15-minute slots. Contacts that fall while the site is closed
are dropped (and counted, so a manager notices), then manual adjustments are applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import numpy as np

from solver.forecast.accuracy import best_method, holdout_scores
from solver.forecast.adjustments import apply_adjustments
from solver.forecast.daily import DayMatrix, FloatArray, daily_matrices
from solver.forecast.history import History
from solver.forecast.methods import METHODS
from solver.forecast.model import Adjustment, Forecast, QueueForecast
from solver.forecast.statistical import STATISTICAL_METHODS, StatsforecastMissing
from solver.problem import Horizon
from solver.timegrid import SlotGrid

AUTO = "auto"
_AHT_WEEKS = 4


class ForecastError(ValueError):
    """The history cannot forecast this horizon; the message says why."""


def forecast_horizon(
    history: History,
    horizon: Horizon,
    queues: Sequence[str],
    *,
    method: str = AUTO,
    adjustments: Sequence[Adjustment] = (),
) -> Forecast:
    """Contacts and AHT per queue and slot of ``horizon``; raises ForecastError."""
    if method != AUTO and method not in METHODS and method not in STATISTICAL_METHODS:
        names = ", ".join([*METHODS, *STATISTICAL_METHODS])
        raise ForecastError(f"unknown method {method!r}; choose auto or {names}")
    # auto picks among our methods only; a statsforecast method runs when asked for, and is
    # then scored on the held-out week beside them (it costs seconds per queue, not ms).
    candidates = {
        **METHODS,
        **({method: STATISTICAL_METHODS[method]} if method in STATISTICAL_METHODS else {}),
    }
    missing = sorted(set(queues) - set(history.queues))
    if missing:
        raise ForecastError(f"history has no rows for queue(s): {', '.join(missing)}")
    dates = history.dates
    if dates[-1] >= horizon.first_day:
        raise ForecastError(
            f"history must end before the horizon starts ({horizon.first_day}); "
            f"it runs to {dates[-1]}"
        )
    step = history.interval_minutes
    slot = horizon.slot_minutes
    if slot % step and step % slot:
        raise ForecastError(f"history interval {step} min does not fit {slot}-minute slots")
    grid = SlotGrid(horizon)
    zone = grid.site_zone
    starts = [grid.slot_start(i).astimezone(zone).replace(tzinfo=None) for i in range(grid.count)]
    is_open = np.array(grid.is_open, dtype=bool)
    targets = [horizon.first_day + timedelta(days=d) for d in range(horizon.days)]
    results = []
    for queue in queues:
        contacts_m, handled_m = daily_matrices(history, queue)
        try:
            scores = holdout_scores(contacts_m, queue, candidates)
            chosen = best_method(scores) if method == AUTO else method
            by_day = candidates[chosen](contacts_m, targets)
        except StatsforecastMissing as exc:
            raise ForecastError(str(exc)) from exc
        aht_by_day = forecast_aht(contacts_m, handled_m, targets, queue)
        contacts, aht = _on_grid(by_day, aht_by_day, targets, starts, step, slot)
        outside = float(contacts[~is_open].sum())
        contacts = np.where(is_open, contacts, 0.0)
        contacts = apply_adjustments(queue, contacts, starts, adjustments)
        results.append(
            QueueForecast(
                queue=queue,
                method=chosen,
                holdout=scores,
                contacts=[round(float(x), 3) for x in contacts],
                aht_seconds=[round(float(x), 1) for x in aht],
                contacts_outside_opening=round(outside, 1),
            )
        )
    return Forecast(
        horizon=horizon,
        history_first_day=dates[0],
        history_last_day=dates[-1],
        history_interval_minutes=step,
        queues=results,
        adjustments=list(adjustments),
    )


def forecast_aht(
    contacts: DayMatrix, handled: DayMatrix, targets: Sequence[date], queue: str
) -> FloatArray:
    """Contact-weighted mean AHT of the same weekday and interval over recent weeks.

    Falls back to the interval's mean over all days, then to the queue's mean, so that a
    slot without recent contacts still gets a plausible handle time.
    """
    total_contacts = contacts.values.sum()
    if total_contacts <= 0:
        raise ForecastError(f"queue {queue}: history has no contacts, so no handle time")
    overall = handled.values.sum() / total_contacts
    col_contacts = contacts.values.sum(axis=0)
    col_aht = np.where(
        col_contacts > 0, handled.values.sum(axis=0) / np.maximum(col_contacts, 1e-12), overall
    )
    out = np.zeros((len(targets), contacts.slots_per_day))
    for t, day in enumerate(targets):
        rows = [
            i
            for i in range(len(contacts.dates) - 1, -1, -1)
            if contacts.dates[i].weekday() == day.weekday()
        ][:_AHT_WEEKS]
        c = contacts.values[rows].sum(axis=0)
        h = handled.values[rows].sum(axis=0)
        out[t] = np.where(c > 0, h / np.maximum(c, 1e-12), col_aht)
    return out


def _on_grid(
    contacts: FloatArray,
    aht: FloatArray,
    targets: Sequence[date],
    starts: Sequence[datetime],
    step: int,
    slot: int,
) -> tuple[FloatArray, FloatArray]:
    day_index = {day: i for i, day in enumerate(targets)}
    out_c = np.zeros(len(starts))
    out_a = np.zeros(len(starts))
    for s, start in enumerate(starts):
        d = day_index[start.date()]
        minute = start.hour * 60 + start.minute
        if slot >= step:
            cols = slice(minute // step, minute // step + slot // step)
            c = contacts[d, cols]
            total = c.sum()
            out_c[s] = total
            out_a[s] = (c * aht[d, cols]).sum() / total if total > 0 else aht[d, cols].mean()
        else:
            col = minute // step
            out_c[s] = contacts[d, col] * slot / step
            out_a[s] = aht[d, col]
    return out_c, out_a
