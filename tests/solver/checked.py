"""Solve and verify in one step: every roster a solver test produces goes through here.

The verifier is independent of the model, so a roster that passes it keeps every hard
rule whatever the model did; the objective the solver reports must match the one the
verifier recomputes from the roster alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import pytest

from solver.problem import Problem
from solver.result import SolveResult, SolveSettings
from solver.roster import Roster
from solver.solve import FALLBACK_WARNING, solve
from solver.verifier import VerificationReport, verify


@dataclass
class Checked:
    result: SolveResult
    report: VerificationReport

    @property
    def roster(self) -> Roster:
        assert self.result.roster is not None
        return self.result.roster


def solve_checked(
    problem: Problem, time_limit: float = 10.0, gap: float = 0.0, workers: int = 2
) -> Checked:
    result = solve(
        problem,
        SolveSettings(time_limit_seconds=time_limit, relative_gap_limit=gap, num_workers=workers),
    )
    assert result.status in ("optimal", "feasible"), result.conflicts
    assert result.roster is not None
    assert FALLBACK_WARNING not in result.warnings, "the search's roster broke a hard rule"
    report = verify(problem, result.roster)
    assert [str(v) for v in report.violations] == []
    assert result.objective is not None and result.bound is not None
    assert report.kpis.objective == pytest.approx(result.objective, rel=1e-4, abs=0.05)
    assert result.bound <= result.objective + 1e-6
    _assert_progress_is_a_history(result)
    return Checked(result, report)


def _assert_progress_is_a_history(result: SolveResult) -> None:
    """Progress is what a manager watches: points in time order, each roster no worse
    than the one before (a bound point repeats the roster), the last one the result's."""
    points = result.progress
    assert points, "a solve that found a roster reports at least that point"
    for before, after in pairwise(points):
        assert after.seconds >= before.seconds, (before, after)
        assert after.objective <= before.objective + 1e-6, (before, after)
    assert points[-1].objective == pytest.approx(result.objective, rel=1e-6, abs=1e-6)
