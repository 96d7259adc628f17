"""The safety net of ``solve._checked`` says when it fires, so tests can assert it never does.

Every solver test goes through ``tests.solver.checked.solve_checked``, which asserts the
fallback warning absent; this test shows the warning is really given when the search's
roster breaks a rule, so that assertion can fail.
"""

from __future__ import annotations

from time import perf_counter

from solver.greedy_roster import construct
from solver.model.inputs import build_inputs
from solver.outcome import early_roster
from solver.result import SolveResult
from solver.roster import Roster
from solver.solve import FALLBACK_WARNING, _checked
from solver.verifier import verify
from tests.verifier.builders import FIRST_DAY, agent, problem, shift

DEMAND = [{"queue": "fr", "start": f"{FIRST_DAY}T08:00", "required": [1] * 24}]


def test_a_roster_breaking_a_rule_falls_back_to_the_early_one_with_a_warning() -> None:
    p = problem([agent("a1")], demand=DEMAND)
    inputs = build_inputs(p)
    started = perf_counter()
    early = early_roster(inputs, construct(inputs), started, None)
    assert early is not None
    day = str(FIRST_DAY)
    broken = Roster(shifts=[shift("a1", day, "08:00", "12:00"), shift("a1", day, "13:00", "16:00")])
    assert not verify(p, broken).ok  # two shifts on a one-shift day
    result = _checked(inputs, SolveResult(status="feasible", roster=broken), early, started)
    assert FALLBACK_WARNING in result.warnings
    assert result.roster is not None and verify(p, result.roster).ok


def test_a_roster_keeping_every_rule_is_returned_without_the_warning() -> None:
    p = problem([agent("a1")], demand=DEMAND)
    inputs = build_inputs(p)
    legal = Roster(shifts=[shift("a1", str(FIRST_DAY), "08:00", "12:00")])
    result = _checked(inputs, SolveResult(status="feasible", roster=legal), None, perf_counter())
    assert result.warnings == [] and result.roster == legal
