"""Moving a problem by whole weeks keeps every wall-clock time, across clock changes too."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from solver.problem import Absence, Problem, ShiftRef
from solver.problem_dates import move_to, next_monday, weeks_between


def _problem() -> Problem:
    """A Paris week before the autumn clock change, with a shift and an absence in summer time."""
    summer = timezone(timedelta(hours=2))
    return Problem.model_validate(
        {
            "horizon": {
                "first_day": "2030-10-14",
                "time_zone": "Europe/Paris",
                "opening_hours": [{"weekdays": [0, 1, 2, 3, 4], "open": "08:00", "close": "20:00"}],
            },
            "queues": [{"id": "fr", "skill": "fr"}],
            "demand": [{"queue": "fr", "start": "2030-10-14T08:00", "required": [1, 1]}],
            "agents": [
                {
                    "id": "a1",
                    "time_zone": "Europe/Paris",
                    "country": "FR",
                    "skills": ["fr"],
                    "hourly_cost": 14,
                    "contract": {"max_hours_per_week": 35},
                    "availability": [{"start": "2030-10-14T08:00", "end": "2030-10-14T12:00"}],
                }
            ],
            "locked_shifts": [
                ShiftRef(
                    agent_id="a1",
                    start=datetime(2030, 10, 14, 8, tzinfo=summer),
                    end=datetime(2030, 10, 14, 12, tzinfo=summer),
                ).model_dump()
            ],
            "absences": [
                Absence(
                    agent_id="a1",
                    start=datetime(2030, 10, 15, 6, tzinfo=UTC),
                    end=datetime(2030, 10, 15, 10, tzinfo=UTC),
                ).model_dump()
            ],
        }
    )


def test_local_times_keep_their_wall_clock_and_weekday() -> None:
    moved = move_to(_problem(), date(2030, 11, 4))
    assert moved.horizon.first_day == date(2030, 11, 4)
    assert moved.demand[0].start == datetime(2030, 11, 4, 8)
    window = moved.agents[0].availability[0]
    assert (window.start, window.end) == (datetime(2030, 11, 4, 8), datetime(2030, 11, 4, 12))


def test_instants_keep_their_wall_clock_across_the_autumn_change() -> None:
    """08:00 Paris was 06:00 UTC in October; in November (winter time) it is 07:00 UTC."""
    moved = move_to(_problem(), date(2030, 11, 4))
    lock = moved.locked_shifts[0]
    assert lock.start.astimezone(UTC) == datetime(2030, 11, 4, 7, tzinfo=UTC)
    assert moved.absences[0].start.astimezone(UTC) == datetime(2030, 11, 5, 7, tzinfo=UTC)


def test_only_whole_weeks_and_next_monday() -> None:
    with pytest.raises(ValueError, match="whole weeks"):
        move_to(_problem(), date(2030, 11, 5))
    assert weeks_between(date(2030, 10, 14), date(2030, 10, 14)) == 0
    assert next_monday(date(2026, 12, 3)) == date(2026, 12, 7)  # a Thursday
    assert next_monday(date(2026, 12, 7)) == date(2026, 12, 14)  # a Monday: the next one
