"""Weeks with a daylight-saving change, and agents living in other time zones."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.solver.checked import solve_checked
from tests.verifier.builders import agent, daily_windows, problem

SPRING = date(2027, 3, 22)  # Monday; Paris moves to summer time on Sunday 28 March
AUTUMN = date(2026, 10, 19)  # Monday; Paris moves back to winter time on Sunday 25 October


def _week(first: date) -> dict[str, object]:
    return {
        "first_day": str(first),
        "days": 7,
        "opening_hours": [{"weekdays": [0, 1, 2, 3, 4, 5, 6], "open": "08:00", "close": "20:00"}],
    }


def test_spring_forward_week_keeps_local_hours() -> None:
    p = problem(
        [
            agent("a1", availability=daily_windows(SPRING, 7, "09:00", "13:00")),
            agent(
                "c1",
                country="MA",
                time_zone="Africa/Casablanca",
                availability=daily_windows(SPRING, 7, "09:00", "13:00"),
            ),
        ],
        horizon=_week(SPRING),
        demand=[
            {"queue": "fr", "start": f"{SPRING + timedelta(days=d)}T09:00", "required": [2] * 8}
            for d in range(7)
        ],
    )
    checked = solve_checked(p)
    paris = ZoneInfo("Europe/Paris")
    sunday = [
        s
        for s in checked.roster.shifts
        if s.agent_id == "a1" and s.start.astimezone(paris).date() == date(2027, 3, 28)
    ]
    for shift in sunday:
        local = shift.start.astimezone(paris)
        assert local.hour >= 9 and shift.end.astimezone(paris).hour <= 13
    assert checked.report.kpis.slot_minutes == 30
    # The Sunday of the change has 23 hours: 46 half-hour slots.
    sundays = [s for s in checked.report.kpis.slot_starts if s.date() == date(2027, 3, 28)]
    assert len(sundays) == 46


def test_autumn_week_has_a_25_hour_day_and_shifts_stay_in_local_windows() -> None:
    p = problem(
        [agent("a1", availability=daily_windows(AUTUMN, 7, "10:00", "14:00"))],
        horizon=_week(AUTUMN),
        demand=[
            {"queue": "fr", "start": f"{AUTUMN + timedelta(days=d)}T10:00", "required": [1] * 8}
            for d in range(7)
        ],
    )
    checked = solve_checked(p)
    sundays = [s for s in checked.report.kpis.slot_starts if s.date() == date(2026, 10, 25)]
    assert len(sundays) == 50
    paris = ZoneInfo("Europe/Paris")
    for shift in checked.roster.shifts:
        assert shift.start.astimezone(paris).time() >= datetime(2026, 1, 1, 10).time()
    assert len(checked.roster.shifts) == 5  # five working days at most
