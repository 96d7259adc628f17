"""Column generation: its bound never passes a proven optimum, and beats the shift LP.

The optimum comes from CP-SAT proving it on the whole model; the shift LP from HiGHS on
the shift-by-shift relaxation (``solver.bound``): two references the week-plan master
shares no code with. Every dive roster goes through the independent verifier.
"""

from __future__ import annotations

from time import perf_counter

import pytest
from hypothesis import HealthCheck, assume, given, settings

from bench.generator import generate
from solver import column_generation
from solver.bound import lp_relaxation
from solver.budget import TimeBudget
from solver.column_generation import ROUND_GROWTH, ColumnGeneration
from solver.dive import dive, rounded
from solver.extract import build_roster
from solver.model.inputs import SCALE, build_inputs
from solver.plan_search import at_least_the_shift_lp
from solver.problem import Problem
from solver.queue_split import split_over_queues
from solver.verifier import verify
from tests.solver.checked import solve_checked
from tests.solver.test_random_problems import problems


def _one_shift_a_day(problem: Problem) -> Problem:
    rules = problem.rules.model_copy(update={"max_shifts_per_day": 1})
    return problem.model_copy(update={"rules": rules})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_the_bound_lies_between_the_shift_lp_and_the_optimum(problem: Problem) -> None:
    problem = _one_shift_a_day(problem)
    inputs = build_inputs(problem)
    assume(inputs.candidates)
    assert column_generation.applies(inputs)
    generation = ColumnGeneration(inputs)
    generation.run(perf_counter() + 5, gap=1e-6)
    optimum = solve_checked(problem, time_limit=10, gap=0.0)
    assert optimum.result.status == "optimal"
    bound = generation.bound / SCALE
    assert bound <= optimum.report.kpis.objective + 1e-6
    shift_lp = lp_relaxation(inputs)
    assert shift_lp is not None
    # Only a converged generation's bound is its master LP's value, which the shift LP
    # relaxes; a run that stopped on its deadline or on a stall holds a Lagrangian bound,
    # valid (checked above) but possibly weaker than the shift LP.
    if generation.converged(1e-6):
        assert bound >= shift_lp.bound - 1e-4 * max(1.0, abs(shift_lp.bound))


def test_the_dive_ends_with_a_legal_roster_close_to_the_bound() -> None:
    problem = generate(40, seed=2)
    inputs = build_inputs(problem)
    generation = ColumnGeneration(inputs)
    generation.run(perf_counter() + 10, gap=1e-3)
    chosen = dive(generation, perf_counter() + 10)
    _, flows = split_over_queues(inputs, chosen)
    report = verify(problem, build_roster(inputs, [inputs.candidates[i] for i in chosen], flows))
    assert [str(v) for v in report.violations] == []
    bound = generation.bound / SCALE
    assert bound <= report.kpis.objective
    assert report.kpis.objective == pytest.approx(bound, rel=0.05)


def test_the_master_rounded_after_two_rounds_is_a_legal_roster_of_one_plan_per_agent() -> None:
    problem = generate(60, seed=3)
    inputs = build_inputs(problem)
    generation = ColumnGeneration(inputs)
    assert generation.run(perf_counter() + 10, gap=1e-6, rounds=2) == "rounds"
    assert generation.rounds == 2
    chosen = rounded(generation)
    by_agent = {}
    for index in chosen:
        by_agent.setdefault(inputs.candidates[index].agent, []).append(index)
    plans = {(p.agent, p.shifts) for p in generation.master.plans}
    assert all((agent, tuple(sorted(mine))) in plans for agent, mine in by_agent.items())
    _, flows = split_over_queues(inputs, chosen)
    report = verify(problem, build_roster(inputs, [inputs.candidates[i] for i in chosen], flows))
    assert [str(v) for v in report.violations] == []
    # Far better than nobody working: the master after two rounds already knows the demand.
    nobody = verify(problem, build_roster(inputs, [], {})).kpis.objective
    assert report.kpis.objective < 0.8 * nobody
    # And the generation goes on from there, where it stopped.
    generation.run(perf_counter() + 10, gap=1e-6, rounds=3)
    assert generation.rounds == 3


def test_only_several_shifts_a_day_take_the_shift_lp_path() -> None:
    problem = generate(5, seed=1)
    assert column_generation.applies(build_inputs(problem))
    several = problem.rules.model_copy(update={"max_shifts_per_day": 2})
    assert not column_generation.applies(
        build_inputs(problem.model_copy(update={"rules": several}))
    )


def test_a_generation_stopped_short_reports_at_least_the_shift_lp_bound() -> None:
    """One round of generation holds a weak Lagrangian bound; the solve takes the better
    of it and the shift LP's, both valid."""
    problem = generate(40, seed=2)
    inputs = build_inputs(problem)
    generation = ColumnGeneration(inputs)
    generation.round()
    shift_lp = lp_relaxation(inputs)
    assert shift_lp is not None
    weak = max(generation.bound, 0.0) / SCALE
    assert weak < shift_lp.bound  # so the bound below is the shift LP's doing
    budget = TimeBudget.start(30.0)
    bound = at_least_the_shift_lp(inputs, weak, budget)
    assert bound == pytest.approx(shift_lp.bound)


def test_the_next_round_is_expected_longer_than_the_slowest_master_solve_and_pricing() -> None:
    problem = generate(40, seed=2)
    generation = ColumnGeneration(build_inputs(problem))
    generation.run(perf_counter() + 10, gap=1e-6, rounds=2)
    assert generation.master_seconds > 0 and generation.pricing_seconds > 0
    generation.master_seconds = 10 * generation.round_seconds  # a dive's slow master solve
    expected = ROUND_GROWTH * (generation.master_seconds + generation.pricing_seconds)
    assert generation.next_round_seconds() == pytest.approx(expected)
    assert generation.run(perf_counter() + 0.9 * expected, gap=1e-6) == "deadline"
    assert generation.rounds == 2
