"""The time budget: phases in order, a reserve for the closing work, the limit kept.

The budget is read on a clock the test controls, so its arithmetic is exact; the solves
below are real (real candidates, real column generation, the verifier on every roster).
"""

from __future__ import annotations

import os
from time import perf_counter

import pytest

from bench.generator import generate
from solver import best_response
from solver.budget import CLOSING_MARGIN, MAX_RESERVE_SHARE, Phase, TimeBudget, closing_reserve
from solver.model.inputs import build_inputs
from solver.outcome import early_roster
from solver.plan_search import plans_fit, sweeps_only
from solver.result import SolveSettings
from solver.solve import solve
from solver.verifier import verify


class _Clock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_phases_end_in_order_and_none_runs_into_the_reserve() -> None:
    clock = _Clock()
    budget = TimeBudget.start(10.0, reserve=2.0, clock=clock)
    deadlines = [budget.deadline(phase) for phase in Phase]
    assert deadlines == sorted(deadlines)
    assert budget.deadline(Phase.SEARCH) == budget.end == 108.0
    assert budget.deadline(Phase.GENERATION) == pytest.approx(100.0 + 0.55 * 8.0)
    clock.now = 107.58
    assert budget.left() == pytest.approx(0.42)
    assert budget.seconds_for(Phase.GENERATION) == 0.0
    assert not budget.allows(Phase.POLISH)
    assert budget.allows(Phase.SEARCH, at_least=0.4)
    clock.now = 130.0
    assert budget.left() == 0.0 and budget.share_left() == 0.0


def test_after_a_late_first_roster_the_later_phases_share_what_is_left() -> None:
    clock = _Clock()
    budget = TimeBudget.start(100.0, clock=clock)
    clock.now += 50.0  # the first roster took half the limit, not its 5 %
    budget.rebase_after(Phase.FIRST_ROSTER)
    first, generation = Phase.FIRST_ROSTER.value, Phase.GENERATION.value
    share = (generation - first) / (1.0 - first)
    assert budget.deadline(Phase.GENERATION) == pytest.approx(150.0 + 50.0 * share)
    assert budget.deadline(Phase.SEARCH) == budget.end == 200.0
    assert budget.deadline(Phase.FIRST_ROSTER) == pytest.approx(100.0 + 100.0 * first)


def test_time_spent_is_recorded_by_phase() -> None:
    clock = _Clock()
    budget = TimeBudget.start(5.0, clock=clock)
    clock.now += 1.5
    mark = budget.record("build", budget.started)
    clock.now += 0.5
    budget.record("build", mark)
    assert budget.spent == {"build": pytest.approx(2.0)}
    assert budget.elapsed() == pytest.approx(2.0)


def test_the_reserve_grows_with_the_problem_but_never_takes_the_limit() -> None:
    assert closing_reserve(60.0, 1_000 * 7) > closing_reserve(60.0, 100 * 7)
    assert closing_reserve(2.0, 3_000 * 28) == pytest.approx(MAX_RESERVE_SHARE * 2.0)


def test_a_short_limit_is_kept_and_every_phase_is_reported() -> None:
    problem = generate(60, seed=3)
    result = solve(problem, SolveSettings(time_limit_seconds=2.0, num_workers=2))
    assert result.roster is not None
    assert verify(problem, result.roster).ok
    assert {"build", "first_roster", "search", "closing"} <= set(result.phase_seconds)
    assert sum(result.phase_seconds.values()) == pytest.approx(result.wall_seconds, abs=0.05)
    assert result.wall_seconds <= 2.0 + 1.0


def test_a_5_s_limit_at_1000_agents_returns_within_6_s() -> None:
    """The promise of issue 13. What comes before the first roster cannot be cut short
    (the inputs, one sweep); when that alone takes the limit the machine is too loaded
    for the promise to be tested, and the test says so instead of failing."""
    problem = generate(1000, seed=1)
    result = solve(problem, SolveSettings(time_limit_seconds=5.0, num_workers=2))
    assert result.roster is not None
    assert verify(problem, result.roster).ok
    before_search = result.phase_seconds["build"] + result.phase_seconds["first_roster"]
    if before_search > 4.0:
        load = os.getloadavg()[0]
        pytest.skip(
            f"machine loaded (load average {load:.1f}): the inputs and the first roster "
            f"alone took {before_search:.1f} s of the 5 s limit"
        )
    assert result.wall_seconds <= 6.0, result.phase_seconds


def test_the_reserve_follows_the_slowest_check_measured() -> None:
    clock = _Clock()
    budget = TimeBudget.start(60.0, reserve=0.5, clock=clock)
    budget.measured_closing(2.0)
    assert budget.reserve == pytest.approx(CLOSING_MARGIN * 2.0)
    assert budget.end == pytest.approx(160.0 - CLOSING_MARGIN * 2.0)
    budget.measured_closing(1.0)  # a faster check later does not shrink it
    assert budget.reserve == pytest.approx(CLOSING_MARGIN * 2.0)
    budget.measured_closing(100.0)
    assert budget.reserve == pytest.approx(MAX_RESERVE_SHARE * 60.0)


def test_work_that_cannot_be_interrupted_starts_only_when_it_fits() -> None:
    clock = _Clock()
    budget = TimeBudget.start(10.0, reserve=1.0, clock=clock)
    assert budget.fits(8.5)
    assert not budget.fits(9.0)
    assert not budget.fits(1.0, by=budget.deadline(Phase.FIRST_ROSTER))
    clock.now += 5.0
    assert not budget.fits(4.0)
    budget.spent["first_roster"] = 3.0
    assert not plans_fit(budget, inputs_seconds=1.0)  # a set-up, a round, a check: 6.4 s
    budget.spent["first_roster"] = 1.0
    assert plans_fit(budget, inputs_seconds=1.0)


def test_without_time_for_column_generation_sweeps_improve_the_first_roster() -> None:
    problem = generate(200, seed=4)
    inputs = build_inputs(problem)
    start = best_response.first_roster(inputs, sweeps_until=0.0, deadline=perf_counter() + 30)
    early = early_roster(inputs, start, perf_counter(), None)
    assert early is not None and early.objective is not None
    budget = TimeBudget.start(30.0)
    result = sweeps_only(inputs, start, early, budget, None, None)
    assert result.roster is not None
    report = verify(problem, result.roster)
    assert report.ok
    assert report.kpis.objective < early.objective
    assert result.objective == pytest.approx(report.kpis.objective)


def test_work_with_nothing_left_to_check_may_run_into_the_reserve_but_not_the_limit() -> None:
    clock = _Clock()
    budget = TimeBudget.start(60.0, reserve=5.0, clock=clock)
    assert budget.end == pytest.approx(155.0)
    assert budget.end < budget.last_moment < budget.started + budget.limit
    assert budget.last_moment == pytest.approx(160.0 - 0.25)
