"""Forecast methods on real arrivals (shared bank-calls data): they must beat the baseline."""

from __future__ import annotations

import pytest

from bench.forecast_bank_calls import bank_calls_path, load_bank_calls, rolling_origin


@pytest.mark.shared
def test_smoothing_methods_beat_seasonal_naive_on_real_calls() -> None:
    path = bank_calls_path()
    if not path.exists():
        pytest.skip(f"shared bank-calls data absent at {path} (set HOMESHORE_SHARED_DIR)")
    data = load_bank_calls(path)
    assert len(data.dates) == 164
    result = rolling_origin(data, max_folds=8)
    assert result.folds == 8
    baseline = result.wape("seasonal_naive")
    assert result.wape("seasonal_mean") < baseline
    assert result.wape("holt_winters") < baseline
    assert result.wape("auto") < baseline
    # the calendar's effects (month start, the day after a holiday) are most of what is left
    assert result.wape("calendar") < 0.9 * baseline
    assert result.wape("calendar") < min(result.wape("seasonal_mean"), result.wape("holt_winters"))
