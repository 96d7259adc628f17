"""Best-response sweeps: exact for one agent, never worse for many, always legal.

The objective of every roster here is the verifier's, recomputed from the roster alone.
"""

from __future__ import annotations

from time import perf_counter

from hypothesis import HealthCheck, assume, given, settings

from bench.generator import generate
from solver import best_response
from solver.extract import build_roster
from solver.greedy_roster import construct
from solver.model.inputs import ModelInputs, build_inputs
from solver.problem import Problem
from solver.queue_split import split_over_queues
from solver.verifier import verify
from tests.solver.checked import solve_checked
from tests.solver.test_random_problems import problems


def _verified_objective(inputs: ModelInputs, chosen: list[int]) -> float:
    _, flows = split_over_queues(inputs, chosen)
    roster = build_roster(inputs, [inputs.candidates[i] for i in chosen], flows)
    report = verify(inputs.problem, roster)
    assert [str(v) for v in report.violations] == []
    return report.kpis.objective


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_one_agent_alone_gets_the_optimal_week(problem: Problem) -> None:
    problem = problem.model_copy(update={"agents": problem.agents[:1]})
    problem = problem.model_copy(
        update={"rules": problem.rules.model_copy(update={"max_shifts_per_day": 1})}
    )
    inputs = build_inputs(problem)
    assume(inputs.candidates)
    assert best_response.applies(inputs)
    chosen = best_response.improve_by_best_response(inputs, [], perf_counter() + 5)
    optimum = solve_checked(problem, time_limit=5, gap=0.0)
    assert optimum.result.status == "optimal"
    assert _verified_objective(inputs, chosen) == optimum.report.kpis.objective


def test_sweeps_improve_the_greedy_roster_and_keep_every_rule() -> None:
    inputs = build_inputs(generate(60, seed=3))
    greedy = construct(inputs)
    polished = best_response.polish(inputs, greedy, perf_counter() + 10)
    before = _verified_objective(inputs, greedy.chosen)
    after = _verified_objective(inputs, polished.chosen)
    assert after < before


def test_sweeps_do_not_apply_when_re_planning_or_with_several_shifts_a_day() -> None:
    problem = generate(5, seed=1)
    several = problem.model_copy(
        update={"rules": problem.rules.model_copy(update={"max_shifts_per_day": 2})}
    )
    assert best_response.applies(build_inputs(problem))
    assert not best_response.applies(build_inputs(several))
