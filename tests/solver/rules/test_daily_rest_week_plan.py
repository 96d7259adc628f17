"""The week-plan DP's form of daily rest (restriction levels) against the verifier.

On a 24/7 site, the week of a daylight-saving change, with rests of 11 to 24 h (a rest
over 23 h reaches two days ahead across the short Sunday), random sets of one shift a day
are read through the levels alone: a set passes when each shift may follow the level its
predecessor left, lowered by the days off between them. The verifier's ``min_rest`` must
agree on every set, and both verdicts must occur.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

import pytest

from solver.agent_week import agent_shifts
from solver.candidates import Candidate
from solver.extract import build_roster
from solver.model.inputs import ModelInputs, build_inputs
from solver.queue_split import split_over_queues
from solver.rules.daily_rest import WeekPlanRest
from solver.verifier import verify
from tests.verifier.builders import agent, problem

DST_MONDAY = date(2027, 3, 22)


def _inputs(rest_minutes: int) -> ModelInputs:
    days = 8
    always = [{"start": f"{DST_MONDAY}T00:00", "end": f"{DST_MONDAY + timedelta(days=days)}T00:00"}]
    p = problem(
        [
            agent(
                "a1",
                availability=always,
                contract={"min_hours_per_week": 0, "max_hours_per_week": 60},
            )
        ],
        horizon={
            "first_day": str(DST_MONDAY),
            "days": days,
            "opening_hours": [{"weekdays": list(range(7)), "open": "00:00", "close": "00:00"}],
        },
        rules={
            "min_rest_minutes": rest_minutes,
            "max_working_days_per_week": 7,
            "max_consecutive_days": 28,
            "min_weekly_rest_minutes": 0,
            "shift_length_step_minutes": 120,
        },
    )
    return build_inputs(p)


def _levels_allow(
    rest: WeekPlanRest, position: dict[Candidate, int], shifts: list[Candidate]
) -> bool:
    level, day = 0, 0  # the level entering ``day``
    for cand in sorted(shifts, key=lambda c: c.day):
        for off in range(day, cand.day):
            level = max(0, level - int(rest.lifted[off]))
        k = position[cand]
        if level > rest.admits[k]:
            return False
        level, day = int(rest.leaves[k]), cand.day + 1
    return True


def _min_rest_broken(inputs: ModelInputs, shifts: list[Candidate]) -> bool:
    narrowed = replace(inputs, candidates=shifts)
    _, flows = split_over_queues(narrowed, list(range(len(shifts))))
    report = verify(inputs.problem, build_roster(narrowed, shifts, flows))
    return any(v.rule == "min_rest" for v in report.violations)


@pytest.mark.parametrize("rest_minutes", [660, 1380, 1440])
def test_levels_say_what_the_verifier_says(rest_minutes: int) -> None:
    inputs = _inputs(rest_minutes)
    own = agent_shifts(inputs, 0)
    position = {inputs.candidates[m]: k for k, m in enumerate(own.members.tolist())}
    by_day: dict[int, list[Candidate]] = {}
    for cand in inputs.candidates:
        by_day.setdefault(cand.day, []).append(cand)
    rng = random.Random(rest_minutes)
    verdicts = set()
    across_a_day_off = 0  # sets broken although no two of their days are adjacent
    for _ in range(150):
        days = rng.sample(sorted(by_day), rng.randint(2, 5))
        # Late ends and early starts, so that rest is often close to binding.
        shifts = []
        for d in days:
            late = rng.random() < 0.5
            near = sorted(by_day[d], key=lambda c: -c.end if late else c.start)[:12]
            shifts.append(rng.choice(near))
        allowed = _levels_allow(own.rest, position, shifts)
        assert allowed == (not _min_rest_broken(inputs, shifts)), shifts
        verdicts.add(allowed)
        ordered = sorted(days)
        adjacent = any(b - a == 1 for a, b in pairwise(ordered))
        across_a_day_off += not allowed and not adjacent
    assert verdicts == {True, False}
    if rest_minutes > 23 * 60:  # reaches two days ahead across the 23-hour Sunday
        assert across_a_day_off > 0
