"""The verifier's clock and the model's slot grid are written apart; they must agree.

A test may import both (the verifier itself may not): any disagreement on slot starts or on
which slots the site is open means one of the two gets time wrong.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from solver.problem import Horizon
from solver.timegrid import SlotGrid
from solver.verifier.clock import SiteClock
from solver.verifier.intervals import covers

ZONES = ["Europe/Paris", "Africa/Casablanca", "Indian/Mauritius", "America/Sao_Paulo", "UTC"]
DAYS_NEAR_CHANGES = [date(2026, 10, 19), date(2027, 3, 22), date(2027, 2, 8), date(2026, 11, 30)]


@st.composite
def horizons(draw: st.DrawFn) -> Horizon:
    first = draw(st.sampled_from(DAYS_NEAR_CHANGES)) + timedelta(days=draw(st.integers(0, 6)))
    spans = []
    for _ in range(draw(st.integers(1, 3))):
        open_at = draw(st.integers(0, 47)) * 30
        close_at = draw(st.integers(open_at // 30 + 1, 48)) * 30
        spans.append(
            {
                "weekdays": draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True)),
                "open": time(open_at // 60, open_at % 60),
                "close": time(0) if close_at == 1440 else time(close_at // 60, close_at % 60),
            }
        )
    return Horizon.model_validate(
        {
            "first_day": first,
            "days": draw(st.integers(1, 14)),
            "slot_minutes": draw(st.sampled_from([15, 30])),
            "time_zone": draw(st.sampled_from(ZONES)),
            "opening_hours": spans,
        }
    )


@settings(max_examples=40, deadline=None)
@given(horizons())
def test_slots_and_opening_agree_with_the_model_grid(horizon: Horizon) -> None:
    grid, clock = SlotGrid(horizon), SiteClock(horizon)
    assert clock.slot_count == grid.count
    assert [clock.slot_start(i) for i in range(clock.slot_count)] == [
        grid.slot_start(i) for i in range(grid.count)
    ]
    opening = clock.open_spans()
    size = clock.slot_seconds
    verifier_open = [
        covers(opening, clock.start + i * size, clock.start + (i + 1) * size)
        for i in range(clock.slot_count)
    ]
    assert verifier_open == grid.is_open
