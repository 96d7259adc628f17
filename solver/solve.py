"""``solve(problem, settings) -> SolveResult``: the one entry point of the solver.

Pure: inputs in, roster and figures out; no files, no database, no clock beyond timing.
That is what lets a solve run in a process pool or on another machine unchanged.

Strategy, chosen by measurement (see docs/solver.md):
1. candidate shifts per agent and day (``solver.candidates``), a greedy roster at once,
   polished by best-response sweeps (``solver.best_response``);
2. with one shift a day (the default; re-plans and locked shifts included): column
   generation over whole week plans for a proven bound, price-and-dive plus sweeps for the
   roster, CP-SAT on the plans' shifts for the time left (``solver.plan_search``);
3. otherwise (several shifts a day): the shift LP relaxation with HiGHS, CP-SAT on the
   shifts the LP uses, then on those and their neighbours.
Every roster returned is checked by the independent verifier on the way out.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from time import perf_counter

import numpy as np

from solver import best_response, column_generation
from solver.bound import lp_relaxation
from solver.coverage_warnings import unservable_queue_warnings
from solver.extract import build_roster
from solver.greedy_roster import GreedyRoster, construct
from solver.hints import add_complete_hint, lp_rounding_hint
from solver.horizon_windows import clipping_warnings
from solver.model.builder import ShiftModel
from solver.model.inputs import ModelInputs, build_inputs
from solver.model.locks import lock_conflicts
from solver.outcome import best_of, early_roster, to_result
from solver.plan_search import solve_by_plans
from solver.problem import Problem
from solver.queue_split import split_over_queues
from solver.restrict import LP_SUPPORT_THRESHOLD, restricted_inputs
from solver.result import Conflict, ProgressCallback, SolveResult, SolveSettings
from solver.search import FULL_MODEL_CANDIDATES, SearchOutcome, run_search
from solver.validation import check_problem
from solver.verifier import verify

log = logging.getLogger(__name__)

LP_TIME_SHARE = 0.6
# Best-response sweeps polish the greedy roster for at most this share of the time limit.
BEST_RESPONSE_SHARE = 0.05
FIRST_PHASE_SHARE = 0.6
# Said when the search's roster broke a hard rule and the early roster is returned instead:
# a modelling slip, which tests assert never happens (tests/solver/checked.py).
FALLBACK_WARNING = (
    "the search's best roster broke a hard rule; the first verified roster is returned instead"
)


def solve(
    problem: Problem,
    settings: SolveSettings | None = None,
    on_progress: ProgressCallback | None = None,
) -> SolveResult:
    result = _solve(problem, settings or SolveSettings(), on_progress)
    # Windows past the horizon's edge are clipped by the model; the warnings say so.
    return result.model_copy(update={"warnings": clipping_warnings(problem) + result.warnings})


def _solve(
    problem: Problem, settings: SolveSettings, on_progress: ProgressCallback | None
) -> SolveResult:
    started = perf_counter()
    issues = check_problem(problem)
    if issues:
        return SolveResult(
            status="invalid",
            conflicts=[
                Conflict(rule="invalid_problem", agent_id=i.agent_id, detail=str(i)) for i in issues
            ],
            wall_seconds=perf_counter() - started,
        )
    inputs = build_inputs(problem)
    inputs_seconds = perf_counter() - started
    warnings = unservable_queue_warnings(inputs)
    faults = lock_conflicts(inputs)
    if faults:
        return SolveResult(
            status="infeasible",
            conflicts=[
                Conflict(rule=rule, agent_id=inputs.agents[a].id, detail=detail)
                for a, rule, detail in faults
            ],
            wall_seconds=perf_counter() - started,
            warnings=warnings,
        )

    greedy = construct(inputs)
    early = early_roster(inputs, greedy, started, on_progress)
    if early is not None and settings.stop_after_first_solution:
        return to_result(inputs, early, started, bound=None)
    if early is not None and best_response.applies(inputs):
        deadline = started + BEST_RESPONSE_SHARE * settings.time_limit_seconds
        polished = best_response.polish(inputs, greedy, deadline)
        better = early_roster(inputs, polished, started, on_progress)
        if better is not None and better.better_than(early):
            better.progress = early.progress + better.progress
            early, greedy = better, polished
    result = _search(inputs, greedy, early, settings, started, on_progress)
    result = _checked(inputs, result, early, started)
    # build_seconds: candidates and model inputs, the same meaning whichever path ran
    return result.model_copy(
        update={"build_seconds": inputs_seconds, "warnings": warnings + result.warnings}
    )


def _checked(
    inputs: ModelInputs, result: SolveResult, early: SearchOutcome | None, started: float
) -> SolveResult:
    """The result if its roster keeps every hard rule, else the verified early roster.

    Every path above builds rosters that keep the rules by construction; this is the
    safety net that keeps a modelling slip from ever reaching a planner as a roster.
    """
    if result.roster is None or verify(inputs.problem, result.roster).ok:
        return result
    log.error("the search returned a roster that breaks a hard rule; keeping the early one")
    if early is None:
        return SolveResult(
            status="unknown",
            conflicts=[Conflict(rule="internal_error", detail="no roster kept every rule")],
            wall_seconds=perf_counter() - started,
        )
    fallback = to_result(inputs, early, started, bound=result.bound)
    return fallback.model_copy(update={"warnings": [FALLBACK_WARNING]})


def _search(
    inputs: ModelInputs,
    greedy: GreedyRoster,
    early: SearchOutcome | None,
    settings: SolveSettings,
    started: float,
    on_progress: ProgressCallback | None,
) -> SolveResult:
    """Improve on the early roster within the time limit (see the module docstring)."""

    def remaining() -> float:
        return max(0.05, settings.time_limit_seconds - (perf_counter() - started))

    if early is not None and column_generation.applies(inputs):
        return solve_by_plans(inputs, greedy, early, settings, started, on_progress)
    lp = lp_relaxation(inputs, time_limit=LP_TIME_SHARE * settings.time_limit_seconds)
    if lp is None:
        # No LP in time: the greedy roster guides the search instead, with no bound.
        guide = np.zeros(len(inputs.candidates))
        guide[greedy.chosen] = 1.0
        bound = None
    else:
        guide, bound = lp.shift_values, lp.bound
    if lp is not None and len(inputs.candidates) <= FULL_MODEL_CANDIDATES:
        return _solve_whole(inputs, lp.shift_values, lp.bound, settings, started, on_progress)
    greedy_picks = set(greedy.chosen)
    in_support = [
        v > LP_SUPPORT_THRESHOLD or c.locked or c in inputs.previous_candidates or i in greedy_picks
        for i, (c, v) in enumerate(zip(inputs.candidates, guide, strict=True))
    ]
    support = replace(
        inputs,
        candidates=[c for c, keep in zip(inputs.candidates, in_support, strict=True) if keep],
    )
    support_values = guide[np.array(in_support, dtype=bool)]

    def hint_rounded(built: ShiftModel) -> None:
        """The better of the rounded LP and the greedy roster (measured: at 1,000 agents
        the greedy roster can be the better start)."""
        rounded = lp_rounding_hint(built, support_values)
        if early is None or not rounded.chosen:
            return
        cands = built.inputs.candidates
        rounded_roster = build_roster(
            built.inputs, [cands[i] for i in rounded.chosen], rounded.flows
        )
        rounded_objective = verify(built.inputs.problem, rounded_roster).kpis.objective
        if early.objective is not None and early.objective < rounded_objective:
            assert early.chosen is not None
            picks = {i for i, c in enumerate(cands) if c in early.chosen}
            add_complete_hint(built, picks, split_over_queues(built.inputs, sorted(picks))[1])

    first = run_search(
        support,
        settings,
        FIRST_PHASE_SHARE * remaining(),
        started,
        on_progress,
        hint_rounded,
        lp_bound=bound,
        complete=False,
    )
    if first.status == "infeasible":
        return to_result(support, first, started, bound=bound)
    done = first.chosen is None
    if done or settings.stop_after_first_solution or (bound and first.proven_optimal(bound)):
        return to_result(support, best_of(early, first), started, bound=bound)
    picked = set(first.chosen or ())
    wider = restricted_inputs(inputs, guide, keep=picked)
    flows = first.flows or {}

    def hint_first(built: ShiftModel) -> None:
        add_complete_hint(
            built, {i for i, c in enumerate(built.inputs.candidates) if c in picked}, flows
        )

    second = run_search(
        wider,
        settings,
        remaining(),
        started,
        on_progress,
        hint_first,
        lp_bound=bound,
        complete=False,
    )
    second.progress = first.progress + second.progress
    first.progress = second.progress
    best = best_of(early, second if second.better_than(first) else first)
    return to_result(wider if best is second else support, best, started, bound=bound)


def _solve_whole(
    inputs: ModelInputs,
    lp_values: np.ndarray,
    lp_bound: float,
    settings: SolveSettings,
    started: float,
    on_progress: ProgressCallback | None,
) -> SolveResult:
    """Small problems: CP-SAT on every candidate, so it can prove optimality itself."""

    def hint_rounded(built: ShiftModel) -> None:
        lp_rounding_hint(built, lp_values)

    seconds = max(0.05, settings.time_limit_seconds - (perf_counter() - started))
    outcome = run_search(
        inputs, settings, seconds, started, on_progress, hint_rounded, lp_bound=lp_bound
    )
    cp_bound = outcome.cp_bound if outcome.cp_bound is not None else lp_bound
    return to_result(inputs, outcome, started, bound=max(lp_bound, cp_bound))
