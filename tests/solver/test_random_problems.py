"""Property: on any small random problem the solver returns a roster the verifier accepts.

Problems vary the slot length, the number of days, agents' time zones, skills, countries,
caps, windows and the demand; ``solve_checked`` asserts that every hard rule holds, that
the solver's objective equals the verifier's and that the bound is below it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver.problem import Problem
from tests.solver.checked import solve_checked

FIRST = date(2027, 3, 26)  # Friday: the horizon may cross the spring daylight-saving change
ZONES = [("FR", "Europe/Paris"), ("MA", "Africa/Casablanca"), ("MU", "Indian/Mauritius")]


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    days = draw(st.integers(1, 3))
    slot = draw(st.sampled_from([15, 30]))
    per_day = 12 * 60 // slot
    agents: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 4))):
        country, zone = draw(st.sampled_from(ZONES))
        windows = []
        for day in range(days):
            if draw(st.booleans()):
                start = draw(st.integers(6, 14))
                length = draw(st.integers(2, 8))
                begin = datetime.combine(FIRST + timedelta(days=day), datetime.min.time())
                windows.append(
                    {
                        "start": str(begin + timedelta(hours=start)),
                        "end": str(begin + timedelta(hours=min(start + length, 23))),
                    }
                )
        maximum = draw(st.integers(2, 30))
        cap = draw(st.none() | st.integers(1, 20))
        agents.append(
            {
                "id": f"a{index}",
                "time_zone": zone,
                "country": country,
                "skills": draw(st.sampled_from([["fr"], ["en"], ["fr", "en"]])),
                "hourly_cost": draw(st.integers(8, 20)),
                "contract": {
                    "min_hours_per_week": min(draw(st.integers(0, 10)), maximum, cap or 99),
                    "max_hours_per_week": maximum,
                },
                "aid_cap": None
                if cap is None
                else {"max_hours_per_week": cap, "max_hours_per_day": draw(st.integers(1, 6))},
                "availability": windows,
            }
        )
    demand = [
        {
            "queue": queue,
            "start": f"{FIRST + timedelta(days=day)}T08:00",
            "required": draw(st.lists(st.integers(0, 3), min_size=per_day, max_size=per_day)),
        }
        for queue in ("fr", "fr-onshore")
        for day in range(days)
    ]
    return Problem.model_validate(
        {
            "horizon": {
                "first_day": str(FIRST),
                "days": days,
                "slot_minutes": slot,
                "time_zone": "Europe/Paris",
                "opening_hours": [{"weekdays": list(range(7)), "open": "08:00", "close": "20:00"}],
            },
            "queues": [
                {"id": "fr", "skill": "fr"},
                {"id": "fr-onshore", "skill": "fr", "countries": ["FR"], "priority": 2},
                {"id": "en", "skill": "en"},
            ],
            "agents": agents,
            "demand": demand,
            "rules": {"min_shift_minutes": 120, "max_shifts_per_day": draw(st.integers(1, 2))},
        }
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_random_roster_passes_the_verifier(problem: Problem) -> None:
    solve_checked(problem, time_limit=5, gap=0.0)
