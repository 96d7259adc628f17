"""The week-plan DP keeps daily rest, and stays exact: its optimum is the brute force's.

The column generation's bound is valid only while the DP is exact or a relaxation: a DP
stricter than the rules would price plans too high. So on small random agents of a 24/7
site (random windows a day, costs of either sign, rests of 0 to 24 h, horizons of 3 to 9
days so that rest also links two weeks, the week of a daylight-saving change) every plan
is enumerated under the rules the DP counts (one shift a day, the weekly caps on hours and
days, daily rest, each by its greedy check, which is held against the verifier in
``tests/solver/rules``), and the DP's plan must keep them and cost the least.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import pairwise

import numpy as np
import pytest

from solver.agent_week import AgentShifts, agent_shifts, best_week_plan, plan_cost
from solver.candidates import Candidate
from solver.model.inputs import ModelInputs, build_inputs
from solver.problem import Problem
from solver.rules import consecutive_days, daily_rest, weekly_hours, working_days
from tests.solver.checked import solve_checked
from tests.verifier.builders import agent, problem

DST_MONDAY = date(2027, 3, 22)  # Paris skips 02:00-03:00 on Sunday 28: a 23-hour day
ROUND_THE_CLOCK = [{"weekdays": list(range(7)), "open": "00:00", "close": "00:00"}]
REST_MINUTES = (0, 660, 660, 900, 1380, 1440)


def _random_agent_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    days = rng.choice([3, 5, 8, 9])
    windows: list[dict[str, str]] = []
    for d in range(days):
        if rng.random() < 0.2:
            continue  # not available that day
        day = DST_MONDAY + timedelta(days=d)
        first = rng.randrange(0, 20)
        first = 3 if first == 2 else first  # 02:00 does not exist on the 28th
        last = min(24, first + rng.choice([4, 4, 5, 6]))
        end = f"{day}T{last:02d}:00" if last < 24 else f"{day + timedelta(days=1)}T00:00"
        windows.append({"start": f"{day}T{first:02d}:00", "end": end})
    most = rng.choice([12, 20, 30, 40])
    contract = {"min_hours_per_week": rng.choice([0, 10, most]), "max_hours_per_week": most}
    before = [
        {
            "agent_id": "a1",
            "start": f"{DST_MONDAY - timedelta(days=d)}T09:00+01:00",
            "end": f"{DST_MONDAY - timedelta(days=d)}T13:00+01:00",
        }
        for d in range(1, rng.choice([1, 1, 3, 6]))
    ]
    return problem(
        [agent("a1", availability=windows, contract=contract)],
        previous_shifts=before,
        horizon={
            "first_day": str(DST_MONDAY),
            "days": days,
            "opening_hours": ROUND_THE_CLOCK,
        },
        rules={
            "min_rest_minutes": rng.choice(REST_MINUTES),
            "min_shift_minutes": 240,
            "max_shift_minutes": 360,
            "shift_length_step_minutes": 120,
            "max_working_days_per_week": rng.randrange(2, 8),
            "max_consecutive_days": rng.choice([2, 3, 4, 6, 28]),
            "min_weekly_rest_minutes": 0,  # not counted by the DP: kept from binding here
        },
    )


def _may_join(
    inputs: ModelInputs, cand: Candidate, taken: list[Candidate], rest: bool, run: bool = True
) -> bool:
    return (
        weekly_hours.may_join(inputs, cand, taken)
        and working_days.may_join(inputs, cand, taken)
        and (not run or consecutive_days.may_join(inputs, cand, taken))
        and (not rest or daily_rest.may_join(inputs, cand, taken))
    )


def _brute_force(
    inputs: ModelInputs, own: AgentShifts, cost: np.ndarray, rest: bool, run: bool = True
) -> float:
    """The least ``plan_cost`` over every plan keeping the rules (all are maxima, so a
    partial plan that breaks one is cut with everything that extends it)."""
    by_day: dict[int, list[int]] = {}
    for member in own.members.tolist():
        by_day.setdefault(inputs.candidates[member].day, []).append(member)
    days = inputs.problem.horizon.days
    best = np.inf

    def extend(day: int, plan: list[int]) -> None:
        nonlocal best
        if day == days:
            best = min(best, plan_cost(plan, own, cost, inputs, 0))
            return
        extend(day + 1, plan)
        taken = [inputs.candidates[i] for i in plan]
        for member in by_day.get(day, []):
            if _may_join(inputs, inputs.candidates[member], taken, rest, run):
                extend(day + 1, [*plan, member])

    extend(0, [])
    return best


def _agent(seed: int) -> tuple[ModelInputs, AgentShifts, np.ndarray]:
    inputs = build_inputs(_random_agent_problem(seed))
    own = agent_shifts(inputs, 0)
    rng = np.random.default_rng(seed)
    scale = float(max(1, own.static.max(initial=1)))
    cost = own.static - rng.uniform(0.0, 2.0, own.members.size) * scale  # duals of any sign
    return inputs, own, cost


def test_the_dp_is_the_brute_force_with_and_without_rest_or_runs_binding() -> None:
    binding = free = runs_bind = 0
    for seed in range(60):
        inputs, own, cost = _agent(seed)
        plan = best_week_plan(inputs, 0, own, cost)
        assert plan is not None
        taken: list[Candidate] = []
        for index in plan:
            assert _may_join(inputs, inputs.candidates[index], taken, rest=True), (seed, plan)
            taken.append(inputs.candidates[index])
        best = _brute_force(inputs, own, cost, rest=True)
        assert plan_cost(plan, own, cost, inputs, 0) == pytest.approx(best, abs=1e-6), seed
        without_rest = _brute_force(inputs, own, cost, rest=False)
        if without_rest < best - 1e-6:
            binding += 1
        else:
            free += 1
        runs_bind += _brute_force(inputs, own, cost, rest=True, run=False) < best - 1e-6
    assert binding >= 10 and free >= 10  # both sides were exercised
    assert runs_bind >= 5  # and consecutive days bound on some


def _night_site(days: int, agents: int = 1) -> Problem:
    """Agents who work nights only (18:00-08:00) on a 24/7 site, the night before the
    first day included; a rest of 11 h."""
    nights = [
        {
            "start": f"{DST_MONDAY + timedelta(days=d - 1)}T18:00",
            "end": f"{DST_MONDAY + timedelta(days=d)}T08:00",
        }
        for d in range(days + 1)
    ]
    return problem(
        [
            agent(
                f"a{i}",
                availability=nights,
                contract={"min_hours_per_week": 0, "max_hours_per_week": 40},
            )
            for i in range(1, agents + 1)
        ],
        horizon={"first_day": str(DST_MONDAY), "days": days, "opening_hours": ROUND_THE_CLOCK},
        rules={
            "min_shift_minutes": 240,
            "max_shift_minutes": 360,
            "shift_length_step_minutes": 120,
            "max_working_days_per_week": 6,
        },
    )


def test_night_shifts_keep_rest_and_the_dp_plan_is_the_best_one() -> None:
    """The first night (21:00 Monday to 03:00 Tuesday) is worth most: Monday's evening
    shift and Tuesday's morning shift would both take it, rest forbids the pair, and the
    DP picks the best legal nights."""
    inputs = build_inputs(_night_site(3))
    own = agent_shifts(inputs, 0)
    grid = inputs.grid
    local = [grid.slot_start(s).astimezone(grid.site_zone) for s in range(grid.count)]
    night = [
        (t.date() == DST_MONDAY and t.hour >= 21) or (t.day == 23 and t.hour < 3) for t in local
    ]
    value = np.where(night, 4.0, 1.0) * float(own.static.max())
    prefix = np.concatenate(([0.0], np.cumsum(value)))
    cost = own.static - (prefix[own.ends] - prefix[own.starts])
    plan = best_week_plan(inputs, 0, own, cost)
    assert plan is not None
    best = _brute_force(inputs, own, cost, rest=True)
    assert plan_cost(plan, own, cost, inputs, 0) == pytest.approx(best, abs=1e-6)
    assert _brute_force(inputs, own, cost, rest=False) < best - 1e-6  # rest binds
    shifts = sorted((inputs.candidates[i] for i in plan), key=lambda c: c.start)
    rest = daily_rest.rest_slots(inputs)
    assert all(b.start >= a.end + rest for a, b in pairwise(shifts))


def test_a_night_site_solve_keeps_rest_and_its_bound() -> None:
    """Four night workers for a week of round-the-clock demand: the sweeps and the column
    generation price with rest in the DP; the roster is verified, its bound below it."""
    data = _night_site(7, agents=4).model_dump(mode="json")
    data["demand"] = [{"queue": "fr", "start": f"{DST_MONDAY}T00:00", "required": [1] * 334}]
    night = Problem.model_validate(data)
    checked = solve_checked(night, time_limit=20, gap=0.01)
    shifts = sorted(checked.roster.shifts, key=lambda s: (s.agent_id, s.start))
    gaps = [b.start - a.end for a, b in pairwise(shifts) if a.agent_id == b.agent_id]
    assert len(shifts) >= 16 and min(gaps) >= timedelta(hours=11)
