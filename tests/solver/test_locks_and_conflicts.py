"""Locked shifts are kept, and conflicts among them are named by agent and rule."""

from __future__ import annotations

from solver.result import SolveSettings
from solver.solve import solve
from tests.solver.checked import solve_checked
from tests.verifier.builders import FIRST_DAY, agent, at, daily_windows, problem

MONDAY = str(FIRST_DAY)


def _lock(agent_id: str, day: str, start: str, end: str) -> dict[str, object]:
    return {"agent_id": agent_id, "start": at(day, start), "end": at(day, end)}


def test_a_locked_shift_is_kept_even_without_demand() -> None:
    p = problem([agent("a1")], locked_shifts=[_lock("a1", "2026-12-02", "10:00", "13:00")])
    shifts = solve_checked(p).roster.shifts
    assert [(s.start, s.end) for s in shifts] == [
        (at("2026-12-02", "10:00"), at("2026-12-02", "13:00"))
    ]


def test_a_lock_outside_availability_names_agent_and_rule() -> None:
    p = problem(
        [agent("a1", availability=daily_windows(FIRST_DAY, 7, "08:00", "12:00"))],
        locked_shifts=[_lock("a1", MONDAY, "14:00", "17:00")],
    )
    result = solve(p, SolveSettings(time_limit_seconds=5))
    assert result.status == "infeasible"
    assert [(c.agent_id, c.rule) for c in result.conflicts] == [("a1", "availability")]


def test_locks_breaking_the_rest_rule_together_are_explained() -> None:
    p = problem(
        [agent("a1", availability=daily_windows(FIRST_DAY, 7, "06:00", "23:00"))],
        horizon={
            "opening_hours": [
                {"weekdays": [0, 1, 2, 3, 4, 5, 6], "open": "06:00", "close": "23:00"}
            ]
        },
        locked_shifts=[
            _lock("a1", MONDAY, "18:00", "22:00"),
            _lock("a1", "2026-12-01", "06:00", "09:00"),
        ],
    )
    result = solve(p, SolveSettings(time_limit_seconds=5))
    assert result.status == "infeasible"
    assert ("a1", "min_rest") in [(c.agent_id, c.rule) for c in result.conflicts]


def test_locks_above_the_weekly_aid_cap_are_explained() -> None:
    p = problem(
        [agent("a1", aid_cap={"max_hours_per_week": 5})],
        locked_shifts=[
            _lock("a1", MONDAY, "08:00", "11:00"),
            _lock("a1", "2026-12-02", "08:00", "11:00"),
        ],
    )
    result = solve(p, SolveSettings(time_limit_seconds=5))
    assert result.status == "infeasible"
    assert [(c.agent_id, c.rule) for c in result.conflicts] == [("a1", "aid_cap_week")]


def test_an_invalid_problem_is_refused_before_solving() -> None:
    p = problem([agent("a1", skills=["fr", "klingon"])])
    result = solve(p)
    assert result.status == "invalid"
    assert result.roster is None
    assert "klingon" in result.conflicts[0].detail
