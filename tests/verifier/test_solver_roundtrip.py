"""The solver's roster passes the verifier, and at optimality both agree on the objective.

The verifier shares no code with the model, so agreement here means the two readings of the
conventions (days, weeks, slots, worked time, coverage) match.
"""

from __future__ import annotations

from datetime import date

import pytest

from solver.problem import Problem
from solver.result import SolveSettings
from solver.solve import solve
from solver.verifier import verify
from tests.verifier.builders import agent, daily_windows, problem

FIRST = date(2027, 3, 27)  # Saturday and Sunday: Paris moves to summer time on Sunday


def _small_problem() -> Problem:
    windows = daily_windows(FIRST, 2, "08:00", "20:00")
    return problem(
        [
            agent(
                "a1",
                contract={"min_hours_per_week": 4, "max_hours_per_week": 20},
                availability=windows,
            ),
            agent(
                "m1",
                country="MU",
                time_zone="Indian/Mauritius",
                hourly_cost=7.0,
                availability=daily_windows(FIRST, 2, "11:00", "22:00"),
            ),
            agent(
                "c1",
                country="MA",
                time_zone="Africa/Casablanca",
                hourly_cost=8.0,
                availability=daily_windows(FIRST, 2, "07:00", "19:00"),
                preferred=daily_windows(FIRST, 1, "08:00", "12:00"),
            ),
        ],
        horizon={
            "first_day": str(FIRST),
            "days": 2,
            "opening_hours": [{"weekdays": [5, 6], "open": "08:00", "close": "20:00"}],
        },
        demand=[
            {"queue": "fr", "start": f"{FIRST}T08:00", "required": [1] * 8 + [2] * 8},
            {"queue": "fr-onshore", "start": "2027-03-28T09:00", "required": [1] * 6},
        ],
    )


def test_an_optimal_roster_verifies_and_objectives_agree() -> None:
    planning = _small_problem()
    result = solve(
        planning,
        SolveSettings(time_limit_seconds=30, relative_gap_limit=0, num_workers=2),
    )
    assert result.status == "optimal"
    assert result.roster is not None
    report = verify(planning, result.roster)
    assert [str(v) for v in report.violations] == []
    assert report.kpis.objective == pytest.approx(result.objective, rel=1e-4, abs=0.05)
    for name, value in report.kpis.objective_terms.items():
        assert value == pytest.approx(result.objective_terms.get(name, 0.0), rel=1e-4, abs=0.05)
