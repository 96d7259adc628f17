"""A 24/7 site with night shifts, where daily and weekly rest bind.

Agents may work at any hour, demand runs round the clock, and the week follows one with
shifts given as ``previous_shifts``: a model, DP or greedy check that left rest out would
chain a night into the next morning; ``solve_checked`` verifies every roster.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

from tests.solver.checked import solve_checked
from tests.verifier.builders import FIRST_DAY, agent, at, problem

ROUND_THE_CLOCK = [{"weekdays": list(range(7)), "open": "00:00", "close": "00:00"}]


def test_round_the_clock_rosters_keep_daily_and_weekly_rest() -> None:
    days = 7
    always = [{"start": f"{FIRST_DAY}T00:00", "end": f"{FIRST_DAY + timedelta(days)}T00:00"}]
    agents = [
        agent(
            f"a{i}",
            availability=always,
            contract={"min_hours_per_week": 30, "max_hours_per_week": 44},
        )
        for i in range(1, 5)
    ]
    demand = [{"queue": "fr", "start": f"{FIRST_DAY}T00:00", "required": [2] * (48 * days)}]
    sunday = str(FIRST_DAY - timedelta(days=1))
    before = [
        {"agent_id": f"a{i}", "start": at(sunday, "14:00"), "end": at(sunday, "22:00")}
        for i in range(1, 5)
    ]
    p = problem(
        agents,
        horizon={"days": days, "opening_hours": ROUND_THE_CLOCK},
        rules={"max_working_days_per_week": 6},
        demand=demand,
        previous_shifts=before,
    )
    checked = solve_checked(p, time_limit=20, gap=0.01)
    shifts = sorted(checked.roster.shifts, key=lambda s: (s.agent_id, s.start))
    assert len(shifts) >= 16  # demand exceeds what the agents can give
    gaps = [b.start - a.end for a, b in pairwise(shifts) if a.agent_id == b.agent_id]
    assert min(gaps) >= timedelta(hours=11)
    # The rest after Sunday 22:00 binds: nobody starts before Monday 09:00.
    assert min(s.start for s in shifts) >= at(str(FIRST_DAY), "09:00")
