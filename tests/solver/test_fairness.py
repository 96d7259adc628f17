"""Fairness between agents: identical agents sharing the work get the same hours.

Four identical agents (0-35 h contracts) share 60 h of demand in 5-hour shifts. Every split
costs the same labour, so without the fairness term the solver keeps an uneven one; with
it, each agent works their target of 60 / 140 × 35 = 15 h.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from solver import fairness
from solver.agent_week import agent_shifts, best_week_plan, plan_cost
from solver.model.inputs import SCALE, SHORTFALL_UNITS_PER_SLOT, build_inputs
from solver.problem import Problem
from tests.solver.checked import solve_checked
from tests.verifier.builders import FIRST_DAY, agent, problem


def _shared_sixty_hours(weight: float, agents: int = 4) -> Problem:
    return problem(
        [
            agent(f"a{i}", contract={"min_hours_per_week": 0, "max_hours_per_week": 35})
            for i in range(agents)
        ],
        queues=[{"id": "fr", "skill": "fr"}],
        demand=[
            {"queue": "fr", "start": f"{FIRST_DAY + timedelta(days=d)}T08:00", "required": [1] * 20}
            for d in range(6)
        ],
        rules={"min_shift_minutes": 300, "max_shift_minutes": 300},
        weights={"fairness": weight},
    )


def _steps(off: float) -> float:
    """Hours off target, once more beyond 4 h and again beyond 8 h (the convex penalty)."""
    return off + max(0.0, off - 4) + max(0.0, off - 8)


def _hours(problem_: Problem, weight: float) -> list[float]:
    checked = solve_checked(problem_, time_limit=4, gap=1e-3)
    weeks = checked.report.kpis.agent_weeks
    assert checked.report.kpis.objective_terms["labour_cost"] == pytest.approx(600.0)
    assert checked.report.kpis.objective_terms["fairness"] == pytest.approx(
        weight * sum(_steps(abs(w.worked_hours - 15.0)) for w in weeks)
    )
    return sorted(w.worked_hours for w in weeks)


def test_identical_agents_get_the_same_hours_with_the_term() -> None:
    assert _hours(_shared_sixty_hours(2.0), 2.0) == [15.0, 15.0, 15.0, 15.0]


def test_without_the_term_the_split_is_left_to_chance() -> None:
    hours = _hours(_shared_sixty_hours(0.0), 0.0)
    assert sum(hours) == 60.0
    assert hours != [15.0, 15.0, 15.0, 15.0]


def test_targets_are_the_demand_share_of_each_offer() -> None:
    inputs = build_inputs(_shared_sixty_hours(2.0))
    slots = 15.0 / inputs.slot_hours
    assert fairness.target_units(inputs) == [[round(slots * SHORTFALL_UNITS_PER_SLOT)]] * 4


def test_target_is_kept_within_the_contract() -> None:
    data = _shared_sixty_hours(2.0).model_dump(mode="json")
    data["agents"][0]["contract"]["min_hours_per_week"] = 20  # above the 15 h share
    data["agents"][1]["aid_cap"] = {"max_hours_per_week": 10}  # below it
    inputs = build_inputs(Problem.model_validate(data))
    hours = [
        t[0] / SHORTFALL_UNITS_PER_SLOT * inputs.slot_hours for t in fairness.target_units(inputs)
    ]
    assert hours[0] == pytest.approx(20.0)
    assert hours[1] == pytest.approx(10 * 60 / (3 * 35 + 10), abs=1e-3)  # 1/700 slot


def test_week_plan_dp_pays_the_deviation_exactly() -> None:
    """The DP's best plan costs what ``plan_cost`` says, fairness included, and no other
    plan of the agent's is cheaper (checked against every single-shift and empty plan)."""
    inputs = build_inputs(_shared_sixty_hours(2.0, agents=1))
    shifts = agent_shifts(inputs, 0)
    plan = best_week_plan(inputs, 0, shifts, shifts.static)
    assert plan is not None
    best = plan_cost(plan, shifts, shifts.static, inputs, 0)
    empty = plan_cost([], shifts, shifts.static, inputs, 0)
    target_units = fairness.target_units(inputs)[0][0]
    target_points = fairness.unit_points(inputs) * sum(
        max(0, target_units - step) for step in fairness.step_units(inputs)
    )
    assert empty == pytest.approx(target_points)
    assert best <= empty
    for member in shifts.members:
        assert best <= plan_cost([int(member)], shifts, shifts.static, inputs, 0) + 1e-6
    # Alone, the agent's share is all of their 35 h offer: 70 slots are on target, and
    # 15 h miss it by 20 h at 2 per hour, again beyond 4 h (16 h) and beyond 8 h (12 h).
    on_target, short = fairness.week_points(inputs, 0, 0, np.array([70, 30]))
    assert (on_target, short) == (0.0, 2.0 * (20 + 16 + 12) * SCALE)
    assert fairness.slots_points(inputs, 0, 0, 30) == short
