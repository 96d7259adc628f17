"""Rolling-origin, one-week-ahead forecast error on real call-centre arrivals.

    HOMESHORE_SHARED_DIR=/path/to/shared .venv/bin/python -m bench.forecast_bank_calls

Data: ``<shared>/datasets/bank-calls/calls_30min.csv`` (164 weekdays of a North American
bank, 2003; see its README). For each Monday from the sixth week on, every method is fitted
on all earlier days and forecasts the following week's half-hours; ``auto`` picks, for each
origin, the method with the lowest WAPE on the last week of its own training data (what
``homeshore staff`` does). Printed: WAPE pooled over all origins at the 30-minute level and
at the daily-total level, and MAPE at the 30-minute level.
"""

from __future__ import annotations

import csv
import sys
import time
from datetime import date, timedelta

import numpy as np

from bench.shared_dir import shared_dir
from solver.forecast.accuracy import best_method, holdout_scores
from solver.forecast.daily import DayMatrix
from solver.forecast.methods import METHODS

MIN_TRAIN_WEEKS = 5


def load_bank_calls() -> DayMatrix:
    path = shared_dir() / "datasets" / "bank-calls" / "calls_30min.csv"
    if not path.exists():
        sys.exit(f"bank-calls data not found at {path}; set HOMESHORE_SHARED_DIR")
    by_day: dict[date, np.ndarray] = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["date"])
            hours, minutes = (int(x) for x in row["interval_start"].split(":"))
            by_day.setdefault(day, np.zeros(48))[(hours * 60 + minutes) // 30] = float(row["calls"])
    dates = sorted(by_day)
    return DayMatrix(tuple(dates), np.array([by_day[d] for d in dates]), 30)


def main() -> None:
    data = load_bank_calls()
    first_monday = data.dates[0] - timedelta(days=data.dates[0].weekday())
    origin = first_monday + timedelta(weeks=MIN_TRAIN_WEEKS)
    names = [*METHODS, "auto"]
    errors = {name: [0.0, 0.0, 0.0] for name in names}  # slot abs err, daily abs err, mape sum
    actual_total, mape_count, folds = 0.0, 0, 0
    chosen: dict[str, int] = {}
    started = time.perf_counter()
    while origin <= data.dates[-1]:
        train = data.before(origin)
        test = data.since(origin).before(origin + timedelta(days=7))
        origin += timedelta(days=7)
        if not test.dates:
            continue
        folds += 1
        pick = best_method(holdout_scores(train))
        chosen[pick] = chosen.get(pick, 0) + 1
        predictions = {name: method(train, test.dates) for name, method in METHODS.items()}
        predictions["auto"] = predictions[pick]
        actual = test.values
        actual_total += float(actual.sum())
        mask = actual > 0
        mape_count += int(mask.sum())
        for name, predicted in predictions.items():
            errors[name][0] += float(np.abs(actual - predicted).sum())
            errors[name][1] += float(np.abs(actual.sum(axis=1) - predicted.sum(axis=1)).sum())
            errors[name][2] += float((np.abs(actual - predicted)[mask] / actual[mask]).sum())
    seconds = time.perf_counter() - started
    print(f"bank-calls: {len(data.dates)} weekdays, {folds} one-week-ahead origins")
    print(f"{'method':<16}{'WAPE 30-min':>12}{'WAPE daily':>12}{'MAPE 30-min':>13}")
    for name in names:
        slot, daily, mape_sum = errors[name]
        print(
            f"{name:<16}{slot / actual_total:>12.1%}{daily / actual_total:>12.1%}"
            f"{mape_sum / mape_count:>13.1%}"
        )
    picks = ", ".join(f"{k} x{v}" for k, v in sorted(chosen.items()))
    print(f"auto chose: {picks}")
    print(f"total time {seconds:.1f} s")


if __name__ == "__main__":
    main()
