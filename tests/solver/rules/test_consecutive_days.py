"""Consecutive days and the shifts worked before the horizon, each on its own.

A site open every day 08:00-20:00 and one agent wanted every day for more hours than one
shift gives, so a model that forgot a rule would break it (``solve_checked`` verifies).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from solver.problem import Problem
from solver.result import SolveSettings
from solver.solve import solve
from tests.solver.checked import solve_checked
from tests.verifier.builders import FIRST_DAY, agent, at, daily_windows, problem

EVERY_DAY = [{"weekdays": list(range(7)), "open": "08:00", "close": "20:00"}]


def _problem(days: int, rules: dict[str, int], before: list[Any], **extra: Any) -> Problem:
    demand = [
        {"queue": "fr", "start": f"{FIRST_DAY + timedelta(days=d)}T08:00", "required": [1] * 24}
        for d in range(days)
    ]
    one = agent(
        "a1",
        contract={"min_hours_per_week": 0, "max_hours_per_week": 60},
        availability=daily_windows(FIRST_DAY, days, "08:00", "20:00"),
    )
    return problem(
        [one],
        horizon={"days": days, "opening_hours": EVERY_DAY},
        rules={"max_working_days_per_week": 7, "min_weekly_rest_minutes": 0, **rules},
        demand=demand,
        previous_shifts=before,
        **extra,
    )


def _worked_before(day: date, start: str = "08:00", end: str = "16:00") -> dict[str, Any]:
    return {"agent_id": "a1", "start": at(str(day), start), "end": at(str(day), end)}


def _days(p: Problem) -> list[date]:
    return sorted({s.start.date() for s in solve_checked(p).roster.shifts})


def test_two_weeks_give_two_days_off_with_six_days_in_a_row_at_most() -> None:
    assert len(_days(_problem(14, {"max_consecutive_days": 14}, []))) == 14
    days = _days(_problem(14, {}, []))
    assert len(days) == 12
    runs, run = [], 1
    for a, b in pairwise(days):
        run = run + 1 if b - a == timedelta(days=1) else 1
        runs.append(run)
    assert max(runs) <= 6


def test_six_days_worked_before_the_horizon_make_its_first_day_off() -> None:
    before = [_worked_before(FIRST_DAY - timedelta(days=d)) for d in range(1, 7)]
    assert len(_days(_problem(7, {"max_consecutive_days": 7}, []))) == 7
    # Six days before and Monday make seven in a row: Monday (or, if allowed, Tuesday) off.
    assert len(_days(_problem(7, {"max_consecutive_days": 7}, before))) == 6
    days = _days(_problem(7, {}, before))
    assert days == [FIRST_DAY + timedelta(days=d) for d in range(1, 7)]


def test_daily_rest_counts_from_the_shift_before_the_horizon() -> None:
    before = [_worked_before(FIRST_DAY - timedelta(days=1), "15:00", "23:00")]
    shifts = solve_checked(_problem(1, {}, before)).roster.shifts
    assert len(shifts) == 1 and shifts[0].start >= at(str(FIRST_DAY), "10:00")


def test_a_locked_shift_too_soon_after_the_one_before_is_named() -> None:
    before = [_worked_before(FIRST_DAY - timedelta(days=1), "15:00", "23:00")]
    lock = _worked_before(FIRST_DAY, "08:00", "12:00")
    result = solve(
        _problem(1, {}, before, locked_shifts=[lock]), SolveSettings(time_limit_seconds=5)
    )
    assert result.status == "infeasible"
    assert [(c.agent_id, c.rule) for c in result.conflicts] == [("a1", "min_rest")]


def test_a_previous_shift_reaching_into_the_horizon_is_refused() -> None:
    before = [_worked_before(FIRST_DAY - timedelta(days=1), "20:00", "23:00")]
    late = {**before[0], "end": at(str(FIRST_DAY), "01:00")}
    result = solve(_problem(1, {}, [late]), SolveSettings(time_limit_seconds=5))
    assert result.status == "invalid"
    assert "previous_shifts[0].end" in result.conflicts[0].detail
