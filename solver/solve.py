"""``solve(problem, settings) -> SolveResult``: the one entry point of the solver.

Pure: inputs in, roster and figures out; no files, no database, no clock beyond timing.
That is what lets a solve run in a process pool or on another machine unchanged.

Strategy, chosen by measurement (see docs/solver.md):
1. candidate shifts per agent and day (``solver.candidates``), a greedy roster at once,
   polished by best-response sweeps (``solver.best_response``);
2. with one shift a day and nothing locked or published (the common weekly plan): column
   generation over whole week plans (``solver.column_generation``) for a proven bound,
   price-and-dive (``solver.dive``) plus sweeps for the roster, CP-SAT on the plans'
   shifts for the time left;
3. otherwise (re-plans, locks, several shifts a day): the shift LP relaxation with HiGHS,
   CP-SAT on the shifts the LP uses, then on those and their neighbours.
Every roster returned is checked by the independent verifier on the way out.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from time import perf_counter

import numpy as np

from solver import best_response, column_generation
from solver.bound import lp_relaxation
from solver.column_generation import ColumnGeneration
from solver.construct import (
    GreedyRoster,
    add_complete_hint,
    construct,
    lp_rounding_hint,
)
from solver.diagnose import explain_infeasibility
from solver.dive import COARSE_STEP, FINE_STEP, dive
from solver.extract import build_roster
from solver.model.builder import ShiftModel
from solver.model.inputs import SCALE, ModelInputs, build_inputs
from solver.model.locks import lock_conflicts
from solver.problem import Problem
from solver.queue_split import split_over_queues
from solver.replan import roster_changes
from solver.restrict import LP_SUPPORT_THRESHOLD, restricted_inputs
from solver.result import Conflict, ProgressCallback, ProgressPoint, SolveResult, SolveSettings
from solver.search import SearchOutcome, run_search
from solver.validation import check_problem
from solver.verifier import verify

log = logging.getLogger(__name__)

LP_TIME_SHARE = 0.6
# Best-response sweeps polish the greedy roster for at most this share of the time limit.
BEST_RESPONSE_SHARE = 0.05
# Week-plan path (solver.column_generation): the bound until this share of the time limit,
# the dive until the next, best-response polish until the next; CP-SAT gets the rest.
PLAN_BOUND_SHARE = 0.55
DIVE_SHARE = 0.85
POLISH_SHARE = 0.95
MIN_SEARCH_SECONDS = 1.0
# A second, finer dive runs when at least this share of the time limit is left.
SECOND_DIVE_SHARE = 0.25
# Column generation stops this close to the master's optimum (relative): the interior
# point master is itself that precise, and CP-SAT closes what is left on small problems.
PLAN_BOUND_TOLERANCE = 1e-4
# Up to this many candidate shifts CP-SAT searches them all and proves its own bound.
FULL_MODEL_CANDIDATES = 4000
FIRST_PHASE_SHARE = 0.6


def solve(
    problem: Problem,
    settings: SolveSettings | None = None,
    on_progress: ProgressCallback | None = None,
) -> SolveResult:
    settings = settings or SolveSettings()
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
    faults = lock_conflicts(inputs)
    if faults:
        return SolveResult(
            status="infeasible",
            conflicts=[
                Conflict(rule=rule, agent_id=inputs.agents[a].id, detail=detail)
                for a, rule, detail in faults
            ],
            wall_seconds=perf_counter() - started,
        )

    greedy = construct(inputs)
    early = _early_roster(inputs, greedy, started, on_progress)
    if early is not None and settings.stop_after_first_solution:
        return _result(inputs, early, started, bound=None)
    if early is not None and best_response.applies(inputs):
        deadline = started + BEST_RESPONSE_SHARE * settings.time_limit_seconds
        polished = best_response.polish(inputs, greedy, deadline)
        better = _early_roster(inputs, polished, started, on_progress)
        if better is not None and better.better_than(early):
            better.progress = early.progress + better.progress
            early, greedy = better, polished
    result = _search(inputs, greedy, early, settings, started, on_progress)
    result = _checked(inputs, result, early, started)
    # build_seconds: candidates and model inputs, the same meaning whichever path ran
    return result.model_copy(update={"build_seconds": inputs_seconds})


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
    return _result(inputs, early, started, bound=result.bound)


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
        return _solve_by_plans(inputs, greedy, early, settings, started, on_progress)
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
        return _result(support, first, started, bound=bound)
    done = first.chosen is None
    if done or settings.stop_after_first_solution or (bound and first.proven_optimal(bound)):
        return _result(support, _best(early, first), started, bound=bound)
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
    best = _best(early, second if second.better_than(first) else first)
    return _result(wider if best is second else support, best, started, bound=bound)


def _solve_by_plans(
    inputs: ModelInputs,
    start: GreedyRoster,
    early: SearchOutcome,
    settings: SolveSettings,
    started: float,
    on_progress: ProgressCallback | None,
) -> SolveResult:
    """Column generation for the bound, a dive for the roster, CP-SAT for what is left.

    Measured on the benchmark (docs/solver.md): the week-plan master bounds far tighter
    than the shift LP, and the dive lands within a few percent where CP-SAT from the
    greedy roster stalls at tens of percent.
    """
    limit = settings.time_limit_seconds
    gap = settings.relative_gap_limit
    generation = ColumnGeneration(inputs)
    generation.add_roster(start.chosen)
    best = early

    def report_bound(points: float) -> None:
        """Progress as the bound rises: the same roster, proven closer to the optimum."""
        if best.objective is None or not np.isfinite(points) or points <= 0:
            return  # every term is non-negative: a bound below zero says nothing
        point = ProgressPoint(
            seconds=perf_counter() - started, objective=best.objective, bound=points / SCALE
        )
        best.progress.append(point)
        if on_progress is not None:
            on_progress(point)

    target = max(gap / 2, PLAN_BOUND_TOLERANCE)
    small = len(inputs.candidates) <= FULL_MODEL_CANDIDATES
    generation.run(started + PLAN_BOUND_SHARE * limit, gap=target, on_bound=report_bound)
    bound = max(generation.bound, 0.0) / SCALE if np.isfinite(generation.bound) else None

    def dive_and_polish(step: float, dive_until: float, polish_until: float) -> None:
        nonlocal best
        chosen = dive(generation, dive_until, step)
        chosen = best_response.improve_by_best_response(inputs, chosen, polish_until)
        served, flows = split_over_queues(inputs, chosen)
        dived = _early_roster(
            inputs, GreedyRoster(chosen, served, flows), started, on_progress, bound
        )
        if dived is not None and dived.better_than(best):
            dived.progress = best.progress + dived.progress
            best = dived

    if bound is None or not best.within(bound, gap):
        dive_and_polish(COARSE_STEP, started + DIVE_SHARE * limit, started + POLISH_SHARE * limit)
    left = limit - (perf_counter() - started)
    if left >= SECOND_DIVE_SHARE * limit and (bound is None or not best.within(bound, gap)):
        # Time left: a finer dive from the master the first one enriched.
        generation.release()
        now = perf_counter()
        dive_and_polish(FINE_STEP, now + 0.6 * left, now + 0.8 * left)
    seconds = limit - (perf_counter() - started)
    if seconds < MIN_SEARCH_SECONDS or (bound is not None and best.within(bound, gap)):
        return _result(inputs, best, started, bound=bound)
    pool = inputs if small else _plan_support(inputs, generation, best)
    assert best.chosen is not None
    kept = {i for i, c in enumerate(pool.candidates) if c in best.chosen}

    def hint_best(built: ShiftModel) -> None:
        add_complete_hint(built, kept, split_over_queues(built.inputs, sorted(kept))[1])

    found = run_search(
        pool, settings, seconds, started, on_progress, hint_best, lp_bound=bound, complete=small
    )
    if small and found.cp_bound is not None and found.status in ("optimal", "feasible"):
        bound = found.cp_bound if bound is None else max(bound, found.cp_bound)
    found.progress = best.progress + found.progress
    return _result(pool, _best(best, found) if found.better_than(best) else best, started, bound)


def _plan_support(
    inputs: ModelInputs, generation: ColumnGeneration, best: SearchOutcome
) -> ModelInputs:
    """The candidates of every plan the master generated, and the best roster's."""
    picked = {i for plan in generation.master.plans for i in plan.shifts}
    keep = [c for i, c in enumerate(inputs.candidates) if i in picked or c in (best.chosen or ())]
    return replace(inputs, candidates=keep)


def _early_roster(
    inputs: ModelInputs,
    greedy: GreedyRoster,
    started: float,
    on_progress: ProgressCallback | None,
    bound: float | None = None,
) -> SearchOutcome | None:
    """The greedy roster as a first answer, seconds after the start even at scale.

    The construction keeps locked shifts and, when re-planning, the previous roster's shifts
    that still fit, so a re-plan's first answer is the published roster with only the
    shifts that must go removed and gaps filled. It counts only if every lock held (locks
    that conflict are the search's to explain). Its objective is the verifier's.
    """
    taken = set(greedy.chosen)
    if any(c.locked and i not in taken for i, c in enumerate(inputs.candidates)):
        return None
    chosen = [inputs.candidates[i] for i in greedy.chosen]
    roster = build_roster(inputs, chosen, greedy.flows)
    report = verify(inputs.problem, roster)
    if not report.ok:  # locks that conflict: not an answer
        return None
    terms = dict(report.kpis.objective_terms)
    point = ProgressPoint(
        seconds=perf_counter() - started, objective=sum(terms.values()), bound=bound
    )
    if on_progress is not None:
        on_progress(point)
    return SearchOutcome(
        status="hint",
        candidates=len(inputs.candidates),
        build_seconds=point.seconds,
        complete=False,
        objective=point.objective,
        chosen=set(chosen),
        flows=greedy.flows,
        terms=terms,
        progress=[point],
    )


def _best(early: SearchOutcome | None, found: SearchOutcome) -> SearchOutcome:
    """The better of the early roster and the search's, with the progress of both."""
    progress = (early.progress if early else []) + found.progress
    best = early if early is not None and early.better_than(found) else found
    best.progress = progress
    return best


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
    return _result(inputs, outcome, started, bound=max(lp_bound, cp_bound))


def _result(
    inputs: ModelInputs, outcome: SearchOutcome, started: float, bound: float | None
) -> SolveResult:
    if outcome.status == "infeasible":
        return SolveResult(
            status="infeasible",
            conflicts=explain_infeasibility(inputs),
            wall_seconds=perf_counter() - started,
            progress=outcome.progress,
        )
    result = outcome.to_result(inputs, started, bound)
    previous = inputs.problem.previous_roster
    if previous and result.roster is not None:
        result = result.model_copy(update={"changes": roster_changes(previous, result.roster)})
    return result
