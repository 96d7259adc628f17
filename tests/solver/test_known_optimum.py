"""Tiny problems whose optimum is found by enumerating every roster: the solver reaches it.

The enumeration knows nothing of the model: it lists every shift each agent could work
(any start and length on the slot grid), keeps the rosters the verifier accepts and
takes the lowest objective the verifier computes.
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta

import pytest

from solver.problem import Problem
from solver.roster import Activity, Roster, Shift
from solver.verifier import verify
from tests.solver.checked import solve_checked
from tests.verifier.builders import FIRST_DAY, agent, problem

SLOT = timedelta(minutes=30)
OPEN = "08:00"
SLOTS = 6  # 08:00-11:00


def _instance(seed: int) -> Problem:
    rng = random.Random(seed)
    queues = [{"id": "fr", "skill": "fr"}, {"id": "en", "skill": "en", "priority": 2}]
    agents = []
    for index in range(3):
        first = rng.randint(0, 2)
        last = rng.randint(first + 2, SLOTS)
        start = datetime.combine(FIRST_DAY, datetime.strptime(OPEN, "%H:%M").time())
        agents.append(
            agent(
                f"a{index}",
                skills=[rng.choice(["fr", "en"])],
                hourly_cost=float(rng.randint(8, 20)),
                contract={"min_hours_per_week": rng.choice([0, 1, 2]), "max_hours_per_week": 20},
                availability=[
                    {"start": str(start + first * SLOT), "end": str(start + last * SLOT)}
                ],
            )
        )
    return problem(
        agents,
        queues=queues,
        horizon={"days": 1, "opening_hours": [{"weekdays": [0], "open": OPEN, "close": "11:00"}]},
        rules={"min_shift_minutes": 60, "max_shift_minutes": 180, "shift_length_step_minutes": 30},
        demand=[
            {
                "queue": q,
                "start": f"{FIRST_DAY}T{OPEN}",
                "required": [rng.randint(0, 2) for _ in range(SLOTS)],
            }
            for q in ("fr", "en")
        ],
    )


def _options(p: Problem, index: int) -> list[Shift | None]:
    who = p.agents[index]
    window = who.availability[0]
    zone_start = window.start.replace(tzinfo=None)
    queue = who.skills[0]
    offset = "+01:00"
    options: list[Shift | None] = [None]
    slots = int((window.end - window.start) / SLOT)
    for first in range(slots):
        for length in range(2, 7):
            if first + length > slots:
                continue
            start = datetime.fromisoformat(f"{zone_start + first * SLOT}{offset}")
            end = start + length * SLOT
            options.append(
                Shift(
                    agent_id=who.id,
                    start=start,
                    end=end,
                    activities=[Activity(start=start, end=end, queue=queue)],
                )
            )
    return options


def _enumerated_optimum(p: Problem) -> float:
    best = float("inf")
    per_agent = [_options(p, i) for i in range(len(p.agents))]
    for combination in itertools.product(*per_agent):
        roster = Roster(shifts=[s for s in combination if s is not None])
        report = verify(p, roster)
        if report.ok:
            best = min(best, report.kpis.objective)
    return best


@pytest.mark.parametrize("seed", range(1, 9))
def test_solver_reaches_the_enumerated_optimum(seed: int) -> None:
    p = _instance(seed)
    expected = _enumerated_optimum(p)
    checked = solve_checked(p, time_limit=20)
    assert checked.result.status == "optimal"
    assert checked.result.objective == pytest.approx(expected, abs=0.01)
