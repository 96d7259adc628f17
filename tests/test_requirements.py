"""From a forecast to the solver's demand: Erlang, occupancy cap, shrinkage, opening hours."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from solver.problem import Problem, Queue
from solver.staffing.erlang_a import erlang_a_required_agents
from solver.staffing.erlang_c import required_agents
from solver.staffing.requirements import (
    StaffingPlan,
    StaffingPolicy,
    demand_from_forecast,
    effective_agents,
    scheduled_agents,
    staffed_problem,
)
from solver.validation import check_problem
from tests.staffing_helpers import forecast_with, one_day_horizon


def test_shrinkage_inflates_and_deflates_consistently() -> None:
    on_phones = np.arange(0, 200)
    for shrinkage in (0.0, 0.1, 0.3, 0.35, 0.5):
        scheduled = scheduled_agents(on_phones, shrinkage)
        assert np.all(scheduled >= on_phones)
        assert np.all(effective_agents(scheduled, shrinkage) >= on_phones)
        assert np.all(
            effective_agents(scheduled - 1, shrinkage)[on_phones > 0] < on_phones[on_phones > 0]
        )
    assert int(scheduled_agents(np.array([14]), 0.3)[0]) == 20


def test_demand_follows_erlang_c_occupancy_and_shrinkage() -> None:
    # Slot 20 is 10:00 local: 100 calls, AHT 180 s -> 10 Erlangs -> 14 agents for 80/20.
    forecast = forecast_with({20: 100.0, 21: 40.0, 30: 5.0})
    plan = StaffingPlan(forecast=forecast, policy=StaffingPolicy(max_occupancy=0.85, shrinkage=0.3))
    [series] = demand_from_forecast(plan)
    assert len(series.required) == 48
    assert series.required[20] == 20  # ceil(14 / 0.7)
    for slot, contacts in ((21, 40.0), (30, 5.0)):
        load = contacts * 180 / 1800
        on_phones = int(required_agents(load, 180, max_occupancy=0.85))
        assert series.required[slot] == int(np.ceil(on_phones / 0.7 - 1e-9))
    assert sum(series.required) == series.required[20] + series.required[21] + series.required[30]


def test_occupancy_cap_binds_on_large_queues() -> None:
    forecast = forecast_with({20: 2000.0})  # 200 Erlangs: Erlang C alone runs agents hot
    capped = demand_from_forecast(
        StaffingPlan(forecast=forecast, policy=StaffingPolicy(max_occupancy=0.85, shrinkage=0))
    )[0].required[20]
    uncapped = demand_from_forecast(
        StaffingPlan(forecast=forecast, policy=StaffingPolicy(max_occupancy=1.0, shrinkage=0))
    )[0].required[20]
    assert uncapped < capped == int(np.ceil(200 / 0.85))


def test_closed_slots_need_nobody_and_floor_applies_when_open() -> None:
    forecast = forecast_with({6: 50.0, 20: 1.0})  # 03:00 is closed
    policy = StaffingPolicy(min_agents_when_open=2, shrinkage=0)
    [series] = demand_from_forecast(StaffingPlan(forecast=forecast, policy=policy))
    assert series.required[6] == 0
    assert series.required[20] == 2
    assert series.required[16:40] == [2] * 24
    assert series.required[40:] == [0] * 8


def test_erlang_a_policy_uses_patience() -> None:
    forecast = forecast_with({20: 100.0})
    policy = StaffingPolicy(patience_seconds=120, shrinkage=0, max_occupancy=1.0)
    [series] = demand_from_forecast(StaffingPlan(forecast=forecast, policy=policy))
    assert series.required[20] == erlang_a_required_agents(10.0, 180, 120) == 12


def test_staffed_problem_replaces_demand_and_stays_valid() -> None:
    problem = Problem(horizon=one_day_horizon(), queues=[Queue(id="fr", skill="fr")])
    plan = StaffingPlan(forecast=forecast_with({20: 100.0}), policy=StaffingPolicy())
    staffed = staffed_problem(problem, plan)
    assert [s.queue for s in staffed.demand] == ["fr"]
    assert check_problem(staffed) == []
    other = Problem(horizon=one_day_horizon(), queues=[Queue(id="en", skill="en")])
    with pytest.raises(ValueError, match="no forecast for queue"):
        staffed_problem(other, plan)


def test_policy_refuses_nonsense() -> None:
    with pytest.raises(ValidationError):
        StaffingPolicy(shrinkage=1.0)
    with pytest.raises(ValidationError, match="service level target or a maximum ASA"):
        StaffingPolicy(service_level=None)
