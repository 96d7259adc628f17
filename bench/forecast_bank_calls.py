"""Rolling-origin, one-week-ahead forecast error on real call-centre arrivals.

    HOMESHORE_SHARED_DIR=/path/to/shared .venv/bin/python -m bench.forecast_bank_calls

Data: ``<shared>/datasets/bank-calls/calls_30min.csv`` (164 weekdays of a North American
bank, 2003; see its README). For each Monday from the sixth week on, every method is fitted
on all earlier days and forecasts the following week's half-hours; ``auto`` picks, for each
origin, the method with the lowest WAPE on the last week of its own training data (what
``homeshore staff`` does). Printed: WAPE pooled over all origins at the 30-minute level and
at the daily-total level, and MAPE at the 30-minute level, with each method's fitting time.
statsforecast's MSTL and AutoETS (``solver.forecast.statistical``) are scored beside ours
(``--no-statsforecast`` leaves them out); auto never picks them.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from bench.shared_dir import shared_dir
from solver.forecast.accuracy import best_method, holdout_scores
from solver.forecast.daily import DayMatrix
from solver.forecast.methods import METHODS, Method

MIN_TRAIN_WEEKS = 5


def bank_calls_path() -> Path:
    return shared_dir() / "datasets" / "bank-calls" / "calls_30min.csv"


def load_bank_calls(path: Path) -> DayMatrix:
    by_day: dict[date, np.ndarray] = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["date"])
            hours, minutes = (int(x) for x in row["interval_start"].split(":"))
            by_day.setdefault(day, np.zeros(48))[(hours * 60 + minutes) // 30] = float(row["calls"])
    dates = sorted(by_day)
    return DayMatrix(tuple(dates), np.array([by_day[d] for d in dates]), 30)


@dataclass
class RollingOrigin:
    """Errors pooled over every one-week-ahead origin."""

    folds: int = 0
    actual_total: float = 0.0
    slots_with_calls: int = 0
    slot_error: dict[str, float] = field(default_factory=dict)
    daily_error: dict[str, float] = field(default_factory=dict)
    mape_sum: dict[str, float] = field(default_factory=dict)
    chosen: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def wape(self, name: str) -> float:
        return self.slot_error[name] / self.actual_total


def rolling_origin(
    data: DayMatrix, max_folds: int | None = None, extra: dict[str, Method] | None = None
) -> RollingOrigin:
    """Forecast each week from all the days before it, with every method and with auto;
    ``extra`` methods (statsforecast's) are scored beside them, never picked by auto."""
    result = RollingOrigin()
    seconds: dict[str, float] = {}
    first_monday = data.dates[0] - timedelta(days=data.dates[0].weekday())
    origin = first_monday + timedelta(weeks=MIN_TRAIN_WEEKS)
    while origin <= data.dates[-1] and (max_folds is None or result.folds < max_folds):
        train = data.before(origin)
        test = data.since(origin).before(origin + timedelta(days=7))
        origin += timedelta(days=7)
        if not test.dates:
            continue
        result.folds += 1
        pick = best_method(holdout_scores(train))
        result.chosen[pick] = result.chosen.get(pick, 0) + 1
        predictions = {}
        for name, method in {**METHODS, **(extra or {})}.items():
            started = time.perf_counter()
            predictions[name] = method(train, test.dates)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
        predictions["auto"] = predictions[pick]
        actual = test.values
        result.actual_total += float(actual.sum())
        mask = actual > 0
        result.slots_with_calls += int(mask.sum())
        for name, predicted in predictions.items():
            error = np.abs(actual - predicted)
            daily = np.abs(actual.sum(axis=1) - predicted.sum(axis=1))
            result.slot_error[name] = result.slot_error.get(name, 0.0) + float(error.sum())
            result.daily_error[name] = result.daily_error.get(name, 0.0) + float(daily.sum())
            ratio = float((error[mask] / actual[mask]).sum())
            result.mape_sum[name] = result.mape_sum.get(name, 0.0) + ratio
    result.seconds = seconds
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--no-statsforecast", action="store_true", help="only our methods (no import)"
    )
    parser.add_argument("--folds", type=int, default=None, help="first N origins only")
    args = parser.parse_args(argv)
    path = bank_calls_path()
    if not path.exists():
        sys.exit(f"bank-calls data not found at {path}; set HOMESHORE_SHARED_DIR")
    data = load_bank_calls(path)
    extra: dict[str, Method] = {}
    if not args.no_statsforecast:
        from solver.forecast.statistical import STATISTICAL_METHODS

        started = time.perf_counter()
        import statsforecast.models  # noqa: F401  (timed here, not in the first fold)

        print(f"statsforecast import {time.perf_counter() - started:.1f} s")
        extra = STATISTICAL_METHODS
    started = time.perf_counter()
    result = rolling_origin(data, args.folds, extra)
    seconds = time.perf_counter() - started
    print(f"bank-calls: {len(data.dates)} weekdays, {result.folds} one-week-ahead origins")
    naive = result.wape("seasonal_naive")
    print(
        f"{'method':<16}{'WAPE 30-min':>12}{'vs naive':>10}{'WAPE daily':>12}"
        f"{'MAPE 30-min':>13}{'fit s/origin':>14}"
    )
    for name in [*METHODS, *extra, "auto"]:
        fit = result.seconds.get(name)
        print(
            f"{name:<16}{result.wape(name):>12.1%}{result.wape(name) / naive - 1:>+10.0%}"
            f"{result.daily_error[name] / result.actual_total:>12.1%}"
            f"{result.mape_sum[name] / result.slots_with_calls:>13.1%}"
            f"{'' if fit is None else f'{fit / result.folds:.2f}':>14}"
        )
    picks = ", ".join(f"{k} x{v}" for k, v in sorted(result.chosen.items()))
    print(f"auto chose: {picks}")
    print(f"total time {seconds:.1f} s")


if __name__ == "__main__":
    main()
