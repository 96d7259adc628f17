"""A scenario's changes on the problem it is solved from (pure)."""

from __future__ import annotations

from datetime import datetime, time

from api.scenarios.changes import apply_changes
from api.scenarios.schemas import ScenarioChanges
from solver.problem import DemandSeries, OpeningHours, Problem, Queue
from tests.staffing_helpers import one_day_horizon


def test_shorter_opening_hours_drop_the_demand_they_close() -> None:
    problem = Problem(
        horizon=one_day_horizon(),
        queues=[Queue(id="fr", skill="fr")],
        demand=[DemandSeries(queue="fr", start=datetime(2026, 12, 1, 8), required=[2] * 24)],
    )
    later = [OpeningHours(weekdays=[1], open=time(9), close=time(18, 30))]
    changed = apply_changes(problem, ScenarioChanges(opening_hours=later))
    assert changed.horizon.opening_hours == later
    required = changed.demand[0].required
    assert required[:2] == [0, 0] and required[2:21] == [2] * 19 and required[21:] == [0] * 3
    until_midnight = [OpeningHours(weekdays=[1], open=time(19), close=time(0))]
    late = apply_changes(problem, ScenarioChanges(opening_hours=until_midnight)).demand[0]
    assert late.required[22:] == [2, 2] and sum(late.required) == 4
    assert problem.demand[0].required == [2] * 24, "the baseline's problem is not changed"
