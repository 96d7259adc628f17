"""Weekly rest on its own: a tiny problem where demand pushes against the rule.

Two weeks, a site open every day 08:00-20:00, one agent who may work every day and is
wanted for more hours than one shift gives. The first block is rested by the time before
the horizon; the second must overlap a stretch of 35 h off.
"""

from __future__ import annotations

from datetime import timedelta

from solver.result import SolveSettings
from solver.solve import solve
from tests.solver.checked import solve_checked
from tests.verifier.builders import FIRST_DAY, agent, at, daily_windows, problem

EVERY_DAY = [{"weekdays": list(range(7)), "open": "08:00", "close": "20:00"}]
DAYS = 14


def _two_weeks(rules: dict[str, int], **extra: object) -> object:
    demand = [
        {"queue": "fr", "start": f"{FIRST_DAY + timedelta(days=d)}T08:00", "required": [1] * 24}
        for d in range(DAYS)
    ]
    one = agent(
        "a1",
        contract={"min_hours_per_week": 0, "max_hours_per_week": 60},
        availability=daily_windows(FIRST_DAY, DAYS, "08:00", "20:00"),
    )
    return problem(
        [one],
        horizon={"days": DAYS, "opening_hours": EVERY_DAY},
        rules={"max_working_days_per_week": 7, "max_consecutive_days": DAYS, **rules},
        demand=demand,
        **extra,
    )


def _days_and_hours(rules: dict[str, int]) -> tuple[int, float]:
    checked = solve_checked(_two_weeks(rules))  # type: ignore[arg-type]
    days = {s.start.date() for s in checked.roster.shifts}
    return len(days), sum(w.worked_hours for w in checked.report.kpis.agent_weeks)


# An 8 h shift (the longest) holds a 30-minute break: 7.5 worked hours.


def test_without_weekly_rest_the_agent_works_every_day() -> None:
    assert _days_and_hours({"min_weekly_rest_minutes": 0}) == (14, 14 * 7.5)


def test_weekly_rest_costs_exactly_one_day_in_the_second_week() -> None:
    # One day off between a shift ending at 16:00 and one starting at 08:00: 40 h >= 35 h.
    assert _days_and_hours({}) == (13, 13 * 7.5)


def test_the_longest_rest_also_shortens_the_shifts_around_the_day_off() -> None:
    # 47 h around one day off: the spans either side add up to at most 13 h (6 h and 7 h,
    # 12.5 worked) instead of 16 h (15 worked); two days off would cost more.
    assert _days_and_hours({"min_weekly_rest_minutes": 47 * 60}) == (13, 13 * 7.5 - 2.5)


def test_locked_shifts_every_day_of_a_week_are_infeasible_and_named() -> None:
    locks = [
        {
            "agent_id": "a1",
            "start": at(str(FIRST_DAY + timedelta(days=d)), "08:00"),
            "end": at(str(FIRST_DAY + timedelta(days=d)), "14:00"),
        }
        for d in range(6, DAYS)
    ]
    p = _two_weeks({}, locked_shifts=locks)
    result = solve(p, SolveSettings(time_limit_seconds=10))  # type: ignore[arg-type]
    assert result.status == "infeasible"
    assert ("a1", "min_weekly_rest") in [(c.agent_id, c.rule) for c in result.conflicts]
