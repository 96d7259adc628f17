"""The verifier's own reading of consecutive days and of the shifts before the horizon."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from solver.problem import Problem
from solver.roster import Shift
from solver.verifier import verify
from tests.verifier.builders import FIRST_DAY, agent, at, daily_windows, problem, roster, shift

EVERY_DAY = [{"weekdays": list(range(7)), "open": "08:00", "close": "20:00"}]


def _day(d: int) -> str:
    return str(FIRST_DAY + timedelta(days=d))


def _problem(before: list[tuple[int, str, str]], **rules: int) -> Problem:
    return problem(
        [
            agent(
                "a1",
                contract={"min_hours_per_week": 0, "max_hours_per_week": 60},
                availability=daily_windows(FIRST_DAY, 7, "08:00", "20:00"),
            )
        ],
        horizon={"opening_hours": EVERY_DAY},
        rules={"max_working_days_per_week": 7, "min_weekly_rest_minutes": 0, **rules},
        previous_shifts=[
            {"agent_id": "a1", "start": at(_day(d), start), "end": at(_day(d), end)}
            for d, start, end in before
        ],
    )


def _found(p: Problem, *shifts: Shift) -> list[tuple[str, Any]]:
    return [(v.rule, v.at and v.at.date()) for v in verify(p, roster(*shifts)).violations]


def test_seven_days_in_a_row_break_the_default_six() -> None:
    week = [shift("a1", _day(d), "08:00", "14:00") for d in range(7)]
    assert _found(_problem([]), *week) == [("max_consecutive_days", FIRST_DAY + timedelta(6))]
    assert _found(_problem([]), *week[:6]) == []


def test_days_before_the_horizon_count_in_the_run() -> None:
    before = [(-d, "08:00", "14:00") for d in range(1, 4)]  # Friday to Sunday before
    four = [shift("a1", _day(d), "08:00", "14:00") for d in range(4)]
    assert _found(_problem(before), *four) == [("max_consecutive_days", FIRST_DAY + timedelta(3))]
    assert _found(_problem(before), *four[1:]) == []  # Monday off breaks the run


def test_a_run_wholly_before_the_horizon_is_not_this_rosters_to_answer() -> None:
    before = [(-d, "08:00", "14:00") for d in range(2, 10)]
    assert _found(_problem(before), shift("a1", _day(0), "08:00", "14:00")) == []


def test_daily_rest_counts_from_the_last_shift_before_the_horizon() -> None:
    before = [(-1, "15:00", "23:00")]
    assert _found(_problem(before), shift("a1", _day(0), "09:00", "14:00")) == [
        ("min_rest", FIRST_DAY)
    ]
    assert _found(_problem(before), shift("a1", _day(0), "10:00", "14:00")) == []


def test_weekly_rest_sees_the_shifts_before_the_horizon() -> None:
    before = [(-d, "08:00", "14:00") for d in range(1, 7)]
    week = [shift("a1", _day(d), "08:00", "14:00") for d in range(1, 7)]  # Monday off: 42 h
    assert _found(_problem(before, min_weekly_rest_minutes=2100), *week) == []
    tight = _problem(before, min_weekly_rest_minutes=2820)  # 47 h: not met
    assert ("min_weekly_rest", FIRST_DAY) in _found(tight, *week)
