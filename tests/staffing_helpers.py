"""Small hand-made forecasts and rosters for staffing tests (no solver involved)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from solver.forecast.model import Forecast, QueueForecast
from solver.problem import Horizon, OpeningHours
from solver.roster import Activity, Roster, Shift, Span

# 2026-12-01 is a Tuesday; Paris is UTC+1 in December.
DAY = date(2026, 12, 1)


def one_day_horizon(slot_minutes: int = 30) -> Horizon:
    return Horizon(
        first_day=DAY,
        days=1,
        slot_minutes=slot_minutes,  # type: ignore[arg-type]
        time_zone="Europe/Paris",
        opening_hours=[OpeningHours(weekdays=[0, 1, 2, 3, 4], open=time(8), close=time(20))],
    )


def forecast_with(contacts: dict[int, float], aht: float = 180.0, queue: str = "fr") -> Forecast:
    """One queue; ``contacts`` maps a slot index (30-minute slots from midnight) to volume."""
    horizon = one_day_horizon()
    values = [contacts.get(i, 0.0) for i in range(48)]
    return Forecast(
        horizon=horizon,
        history_first_day=date(2026, 11, 1),
        history_last_day=date(2026, 11, 30),
        history_interval_minutes=30,
        queues=[
            QueueForecast(
                queue=queue,
                method="seasonal_mean",
                holdout=[],
                contacts=values,
                aht_seconds=[aht] * 48,
            )
        ],
    )


def utc(slot: int) -> datetime:
    """Start of a 30-minute slot of DAY as an aware UTC time (Paris midnight = 23:00 UTC)."""
    return (
        datetime.combine(DAY, time(0), tzinfo=UTC)
        - timedelta(hours=1)
        + slot * timedelta(minutes=30)
    )


def shift(
    agent: str, first: int, last: int, queue: str = "fr", breaks: tuple[int, ...] = ()
) -> Shift:
    """A shift on one queue covering 30-minute slots ``first`` .. ``last - 1``."""
    return Shift(
        agent_id=agent,
        start=utc(first),
        end=utc(last),
        breaks=[Span(start=utc(b), end=utc(b + 1)) for b in breaks],
        activities=[Activity(queue=queue, start=utc(first), end=utc(last))],
    )


def roster(*shifts: Shift) -> Roster:
    return Roster(shifts=list(shifts))
