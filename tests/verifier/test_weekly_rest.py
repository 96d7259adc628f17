"""The verifier's own reading of weekly rest, on hand-made two-week rosters."""

from __future__ import annotations

from datetime import timedelta

from solver.problem import Problem
from solver.roster import Shift
from solver.verifier import verify
from tests.verifier.builders import FIRST_DAY, agent, daily_windows, problem, roster, shift

EVERY_DAY = [{"weekdays": list(range(7)), "open": "08:00", "close": "20:00"}]


def _problem(days: int = 14, rules: dict[str, int] | None = None) -> Problem:
    return problem(
        [
            agent(
                "a1",
                contract={"min_hours_per_week": 0, "max_hours_per_week": 60},
                availability=daily_windows(FIRST_DAY, days, "08:00", "20:00"),
            )
        ],
        horizon={"days": days, "opening_hours": EVERY_DAY},
        rules={"max_working_days_per_week": 7, "max_consecutive_days": days, **(rules or {})},
    )


def _day(d: int) -> str:
    return str(FIRST_DAY + timedelta(days=d))


def _shifts(days: list[int], start: str = "08:00", end: str = "14:00") -> list[Shift]:
    return [shift("a1", _day(d), start, end) for d in days]


def _rules(p: Problem, shifts: list[Shift]) -> list[str]:
    return [v.rule for v in verify(p, roster(*shifts)).violations]


def test_every_day_of_the_second_week_worked_breaks_weekly_rest() -> None:
    found = verify(_problem(), roster(*_shifts(list(range(14))))).violations
    assert [(v.rule, v.at.date() if v.at else None) for v in found] == [
        ("min_weekly_rest", FIRST_DAY + timedelta(days=7))
    ]
    assert "week 2" in found[0].message


def test_the_first_week_is_rested_by_the_time_before_the_horizon() -> None:
    assert _rules(_problem(7), _shifts(list(range(7)))) == []


def test_a_rest_across_the_week_boundary_counts_for_both_weeks() -> None:
    # Off on days 6 and 7 (Sunday, Monday): 66 h, overlapping both blocks.
    assert _rules(_problem(), _shifts([0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13])) == []


def test_one_day_off_is_enough_only_when_the_shifts_around_it_leave_the_rest() -> None:
    p = _problem(rules={"max_working_days_per_week": 7, "min_weekly_rest_minutes": 40 * 60})
    around = [d for d in range(14) if d not in (9, 10)]  # day 10 off
    early = shift("a1", _day(9), "08:00", "14:00")  # 42 h to day 11, 08:00
    late = shift("a1", _day(9), "12:00", "18:00")  # 38 h
    assert _rules(p, [*_shifts(around), early]) == []
    assert _rules(p, [*_shifts(around), late]) == ["min_weekly_rest"]


def test_time_after_the_horizon_does_not_count() -> None:
    # The last day off: 10 h to the horizon's end after a shift ending at 14:00.
    assert _rules(_problem(), _shifts(list(range(13)))) == ["min_weekly_rest"]


def test_zero_turns_the_rule_off() -> None:
    p = _problem(rules={"max_working_days_per_week": 7, "min_weekly_rest_minutes": 0})
    assert _rules(p, _shifts(list(range(14)))) == []
