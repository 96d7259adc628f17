"""A queue nobody may serve: the roster leaves its demand unmet and a warning names it.

Issue 12 item 8: a queue restricted to Belgium with only French agents made column
generation index a group that does not exist. Demand is soft, so the honest answer is a
roster with that queue's demand unmet, and a warning a planner can act on.
"""

from __future__ import annotations

import pytest

from tests.solver.checked import solve_checked
from tests.verifier.builders import FIRST_DAY, agent, problem

EIGHT_SLOTS = [1] * 8  # 08:00-12:00 on the first day: 4 agent-hours


def _demand(queue: str, required: list[int] = EIGHT_SLOTS) -> dict[str, object]:
    return {"queue": queue, "start": f"{FIRST_DAY}T08:00", "required": required}


def test_a_queue_restricted_to_a_country_without_agents_is_left_unmet_with_a_warning() -> None:
    p = problem(
        [agent("a1"), agent("a2")],
        queues=[{"id": "be", "skill": "fr", "countries": ["BE"]}],
        demand=[_demand("be")],
    )
    checked = solve_checked(p, time_limit=5)
    assert checked.result.objective_terms["unmet_demand"] == pytest.approx(4 * 1000)
    assert checked.roster.shifts == []
    [warning] = checked.result.warnings
    assert "'be'" in warning and "no agent may serve" in warning
    assert "4 agent-hours" in warning


def test_only_the_unservable_queue_is_named_when_another_is_covered() -> None:
    p = problem(
        [agent("a1"), agent("m1", country="MA", time_zone="Africa/Casablanca")],
        queues=[
            {"id": "fr-onshore", "skill": "fr", "countries": ["FR"]},
            {"id": "be", "skill": "fr", "countries": ["BE"]},
        ],
        demand=[_demand("fr-onshore"), _demand("be")],
    )
    checked = solve_checked(p, time_limit=5)
    unmet = {q: c.unmet_agent_hours for q, c in checked.report.kpis.queues.items()}
    assert unmet == {"fr-onshore": 0.0, "be": 4.0}
    assert {s.agent_id for s in checked.roster.shifts} == {"a1"}
    assert len(checked.result.warnings) == 1
    assert "'be'" in checked.result.warnings[0]


def test_a_queue_with_demand_and_no_agent_at_all() -> None:
    p = problem([], queues=[{"id": "fr", "skill": "fr"}], demand=[_demand("fr")])
    checked = solve_checked(p, time_limit=5)
    assert checked.result.objective_terms["unmet_demand"] == pytest.approx(4 * 1000)
    [warning] = checked.result.warnings
    assert "'fr'" in warning


def test_a_queue_nobody_may_serve_without_demand_needs_no_warning() -> None:
    p = problem(
        [agent("a1")],
        queues=[
            {"id": "fr", "skill": "fr"},
            {"id": "be", "skill": "fr", "countries": ["BE"]},
        ],
        demand=[_demand("fr"), _demand("be", [0] * 8)],
    )
    checked = solve_checked(p, time_limit=5)
    assert checked.result.warnings == []
    assert checked.report.kpis.unmet_agent_hours == 0.0
