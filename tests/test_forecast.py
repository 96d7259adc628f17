"""Forecast methods on synthetic history with known seasonality, and horizon forecasts."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pytest

from solver.forecast.accuracy import InsufficientHistory, best_method, holdout_scores, wape
from solver.forecast.adjustments import parse_adjustment
from solver.forecast.daily import daily_matrices
from solver.forecast.history import History, HistoryRow, parse_history
from solver.forecast.horizon import ForecastError, forecast_horizon
from solver.forecast.methods import METHODS
from solver.problem import Horizon, OpeningHours

DEMO_HISTORY = Path(__file__).parent.parent / "fixtures" / "demo-week" / "history.csv"
WEEKDAY = (1.2, 1.05, 1.0, 0.95, 0.9, 0.5, 0.0)


def shape(minute: int) -> float:
    """Bimodal intraday pattern over 08:00-20:00 (zero outside)."""
    if not 8 * 60 <= minute < 20 * 60:
        return 0.0
    hour = minute / 60 + 0.25
    return (
        0.2
        + math.exp(-0.5 * ((hour - 10.5) / 1.2) ** 2)
        + math.exp(-0.5 * ((hour - 15) / 1.5) ** 2)
    )


def synthetic(
    weeks: int, volume: Callable[[int, date, int], float], first: date = date(2026, 9, 7)
) -> History:
    rows = []
    for d in range(weeks * 7):
        day = first + timedelta(days=d)
        for minute in range(0, 1440, 30):
            rows.append(
                HistoryRow(
                    len(rows) + 2,
                    datetime.combine(day, time(minute // 60, minute % 60)),
                    "q",
                    volume(d, day, minute),
                    300.0,
                )
            )
    return History(interval_minutes=30, rows=tuple(rows))


def test_exact_weekly_pattern_is_reproduced_by_every_method() -> None:
    history = synthetic(6, lambda d, day, m: 10 * WEEKDAY[day.weekday()] * shape(m))
    contacts, _ = daily_matrices(history, "q")
    scores = holdout_scores(contacts)
    assert {s.method: s.wape for s in scores}["seasonal_naive"] == pytest.approx(0.0, abs=1e-12)
    assert all(s.wape is not None and s.wape < 0.02 for s in scores)
    assert best_method(scores) == "seasonal_naive"


def test_growth_is_followed_by_holt_winters() -> None:
    history = synthetic(
        8, lambda d, day, m: 10 * 1.05 ** (d / 7) * WEEKDAY[day.weekday()] * shape(m)
    )
    contacts, _ = daily_matrices(history, "q")
    scores = {s.method: s.wape for s in holdout_scores(contacts)}
    assert scores["holt_winters"] < 0.5 * scores["seasonal_naive"]  # type: ignore[operator]
    assert best_method(holdout_scores(contacts)) == "holt_winters"


def test_noise_is_averaged_out_by_the_smoothing_methods() -> None:
    rng = np.random.default_rng(3)
    history = synthetic(
        8, lambda d, day, m: float(rng.poisson(8 * WEEKDAY[day.weekday()] * shape(m)))
    )
    contacts, _ = daily_matrices(history, "q")
    scores = {s.method: s.wape for s in holdout_scores(contacts)}
    assert scores["seasonal_mean"] < scores["seasonal_naive"]  # type: ignore[operator]
    assert best_method(holdout_scores(contacts)) != "seasonal_naive"


def test_every_method_predicts_zero_for_a_weekday_never_seen() -> None:
    history = synthetic(3, lambda d, day, m: 0.0 if day.weekday() == 6 else 5.0)
    rows = tuple(r for r in history.rows if r.start.weekday() != 6)
    contacts, _ = daily_matrices(History(30, rows), "q")
    sunday = [date(2026, 9, 27) + timedelta(days=7)]
    for method in METHODS.values():
        assert method(contacts, sunday).sum() == 0.0


def test_holdout_needs_two_weeks() -> None:
    history = synthetic(1, lambda d, day, m: 1.0)
    contacts, _ = daily_matrices(history, "q")
    with pytest.raises(InsufficientHistory, match="two weeks"):
        holdout_scores(contacts, "q")


def test_wape_is_volume_weighted() -> None:
    assert wape(np.array([10.0, 0.0, 30.0]), np.array([12.0, 1.0, 27.0])) == pytest.approx(6 / 40)
    assert wape(np.zeros(3), np.ones(3)) is None


def _demo_horizon(slot_minutes: int = 30) -> Horizon:
    return Horizon(
        first_day=date(2026, 11, 30),
        days=7,
        slot_minutes=slot_minutes,  # type: ignore[arg-type]
        time_zone="Europe/Paris",
        opening_hours=[
            OpeningHours(weekdays=[0, 1, 2, 3, 4], open=time(8), close=time(20)),
            OpeningHours(weekdays=[5], open=time(9), close=time(18)),
        ],
    )


QUEUES = ["fr-support", "fr-sales", "en-support"]


def test_demo_history_forecasts_the_demo_week() -> None:
    history = parse_history(DEMO_HISTORY.read_text(), time_zone="Europe/Paris")
    forecast = forecast_horizon(history, _demo_horizon(), QUEUES)
    last_week = history.dates[-1] - timedelta(days=6)
    for queue in forecast.queues:
        assert len(queue.contacts) == 7 * 48
        assert queue.contacts_outside_opening == 0
        assert sum(queue.contacts[6 * 48 :]) == 0  # Sunday closed
        assert sum(queue.contacts[:16]) == 0  # Monday before 08:00
        actual = sum(
            r.contacts
            for r in history.rows
            if r.queue == queue.queue and r.start.date() >= last_week
        )
        assert sum(queue.contacts) == pytest.approx(actual, rel=0.15)
        assert all(250 < a < 600 for a in queue.aht_seconds)


def test_fifteen_minute_slots_split_the_half_hours() -> None:
    history = parse_history(DEMO_HISTORY.read_text())
    half = forecast_horizon(history, _demo_horizon(30), QUEUES, method="seasonal_mean")
    quarter = forecast_horizon(history, _demo_horizon(15), QUEUES, method="seasonal_mean")
    for a, b in zip(half.queues, quarter.queues, strict=True):
        assert np.allclose(
            a.contacts, np.add.reduceat(b.contacts, range(0, len(b.contacts), 2)), atol=0.01
        )


def test_adjustments_lift_only_their_span() -> None:
    history = parse_history(DEMO_HISTORY.read_text())
    plain = forecast_horizon(history, _demo_horizon(), QUEUES, method="seasonal_mean")
    lifted = forecast_horizon(
        history,
        _demo_horizon(),
        QUEUES,
        method="seasonal_mean",
        adjustments=[parse_adjustment("fr-sales@2026-12-01=+20")],
    )
    before, after = plain.of("fr-sales").contacts, lifted.of("fr-sales").contacts
    tuesday = range(48, 96)
    for i in range(7 * 48):
        factor = 1.2 if i in tuesday else 1.0
        assert after[i] == pytest.approx(before[i] * factor, abs=0.002)
    assert lifted.of("fr-support").contacts == plain.of("fr-support").contacts


def test_adjustment_specs() -> None:
    a = parse_adjustment("2026-12-01T10:00/2026-12-01T14:00=15%")
    assert (a.queue, a.start, a.end, a.percent) == (
        None,
        datetime(2026, 12, 1, 10),
        datetime(2026, 12, 1, 14),
        15.0,
    )
    b = parse_adjustment("en-support@2026-12-02/2026-12-04=-10")
    assert (b.start, b.end) == (datetime(2026, 12, 2), datetime(2026, 12, 5))
    for bad, reason in [
        ("fr@2026-12-01", "expected"),
        ("fr@tomorrow=5", "not a date"),
        ("fr@2026-12-01=lots", "not a number"),
        ("fr@2026-12-01=-100", "greater than -100"),
        ("2026-12-02/2026-12-01T00:00=5", "must be after"),
    ]:
        with pytest.raises(ValueError, match=reason):
            parse_adjustment(bad)


def test_horizon_errors_are_explained() -> None:
    history = parse_history(DEMO_HISTORY.read_text())
    with pytest.raises(ForecastError, match="no rows for queue"):
        forecast_horizon(history, _demo_horizon(), ["fr-support", "de-support"])
    early = _demo_horizon().model_copy(update={"first_day": date(2026, 11, 20)})
    with pytest.raises(ForecastError, match="must end before the horizon"):
        forecast_horizon(history, early, QUEUES)
    with pytest.raises(ForecastError, match="unknown method"):
        forecast_horizon(history, _demo_horizon(), QUEUES, method="crystal_ball")


def test_a_horizon_across_the_end_of_daylight_saving_time() -> None:
    history = parse_history(DEMO_HISTORY.read_text())
    early = History(
        history.interval_minutes,
        tuple(r for r in history.rows if r.start.date() < date(2026, 10, 19)),
    )
    horizon = _demo_horizon().model_copy(update={"first_day": date(2026, 10, 19), "days": 14})
    forecast = forecast_horizon(early, horizon, QUEUES)
    for queue in forecast.queues:
        assert len(queue.contacts) == 14 * 48 + 2  # Sunday 25 October has 25 hours
        # Monday 26 October 08:00 local is slot 7 * 48 + 2 + 16 after the extra hour.
        monday_open = 7 * 48 + 2 + 16
        assert queue.contacts[monday_open - 1] == 0 < queue.contacts[monday_open]
