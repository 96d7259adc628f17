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
from solver.agent_week import AgentShifts, agent_shifts
from solver.bound import lp_relaxation
from solver.budget import (
    MIN_PHASE_SECONDS,
    MIN_SEARCH_SECONDS,
    Phase,
    TimeBudget,
    closing_reserve,
)
from solver.coverage_warnings import unservable_queue_warnings
from solver.extract import build_roster
from solver.greedy_roster import GreedyRoster, construct
from solver.hints import add_complete_hint, lp_rounding_hint
from solver.horizon_windows import clipping_warnings
from solver.model.builder import ShiftModel
from solver.model.inputs import ModelInputs, build_inputs
from solver.model.locks import lock_conflicts
from solver.outcome import best_of, early_roster, to_result
from solver.plan_search import plans_fit, solve_by_plans, sweeps_only
from solver.problem import Problem
from solver.queue_split import split_over_queues
from solver.restrict import LP_SUPPORT_THRESHOLD, restricted_inputs
from solver.result import Conflict, ProgressCallback, SolveResult, SolveSettings
from solver.search import FULL_MODEL_CANDIDATES, SearchOutcome, run_search
from solver.validation import check_problem
from solver.verifier import verify

log = logging.getLogger(__name__)

# The shift LP (several shifts a day) may take this share of the usable time; CP-SAT on
# its support then takes this share of what is left, its neighbours the rest.
LP_TIME_SHARE = 0.6
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
    settings = settings or SolveSettings()
    agent_days = len(problem.agents) * problem.horizon.days
    budget = TimeBudget.start(
        settings.time_limit_seconds,
        reserve=closing_reserve(settings.time_limit_seconds, agent_days),
    )
    # Windows past the horizon's edge are clipped by the model; the warnings say so. Read
    # first (half a second at 1,000 agents), so that the search, not the limit, pays for it.
    clipped = clipping_warnings(problem)
    budget.record("build", budget.started)
    result = _solve(problem, settings, budget, on_progress)
    return result.model_copy(
        update={
            "warnings": clipped + result.warnings,
            "wall_seconds": budget.elapsed(),
            "phase_seconds": dict(budget.spent),
        }
    )


def _solve(
    problem: Problem,
    settings: SolveSettings,
    budget: TimeBudget,
    on_progress: ProgressCallback | None,
) -> SolveResult:
    started, checking = budget.started, budget.clock()
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
    mark = budget.record("build", checking)
    inputs_seconds = mark - checking
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

    shifts: list[AgentShifts] | None = None
    if best_response.starts_from_nothing(inputs):
        shifts = [agent_shifts(inputs, a) for a in range(len(inputs.agents))]
        greedy = best_response.first_roster(
            inputs,
            sweeps_until=budget.deadline(Phase.FIRST_ROSTER),
            deadline=budget.end - budget.reserve,  # then its own check, in the reserve
            shifts=shifts,
        )
    else:
        greedy = construct(inputs)
    checking = perf_counter()
    early = early_roster(inputs, greedy, started, on_progress)
    budget.measured_closing(perf_counter() - checking)
    mark = budget.record("first_roster", mark)
    if early is not None and settings.stop_after_first_solution:
        return to_result(inputs, early, started, bound=None)
    if early is not None and shifts is None and best_response.applies(inputs):
        polished = best_response.polish(inputs, greedy, budget.deadline(Phase.FIRST_ROSTER))
        better = early_roster(inputs, polished, started, on_progress)
        if better is not None and better.better_than(early):
            better.progress = early.progress + better.progress
            early, greedy = better, polished
        mark = budget.record("first_roster", mark)
    budget.rebase_after(Phase.FIRST_ROSTER)
    recorded = budget.recorded()  # the search's own phases record themselves
    if early is not None and budget.left() < MIN_SEARCH_SECONDS:
        result = to_result(inputs, early, started, bound=None)  # no time for a search
    elif early is not None and column_generation.applies(inputs):
        if plans_fit(budget, inputs_seconds):
            result = solve_by_plans(inputs, greedy, early, settings, budget, on_progress, shifts)
        else:
            result = sweeps_only(inputs, greedy, early, budget, on_progress, shifts)
    else:
        result = _search(inputs, greedy, early, settings, budget, on_progress)
    mark = budget.record_rest("search", mark, recorded)
    result = _checked(inputs, result, early, started)
    budget.record("closing", mark)
    # build_seconds: candidates and model inputs, the same meaning whichever path ran
    return result.model_copy(
        update={"build_seconds": inputs_seconds, "warnings": warnings + result.warnings}
    )


def _checked(
    inputs: ModelInputs, result: SolveResult, early: SearchOutcome | None, started: float
) -> SolveResult:
    """The result if its roster keeps every hard rule, else the verified early roster.

    Every path above builds rosters that keep the rules by construction; this is the
    safety net that keeps a modelling slip from ever reaching a planner as a roster. A
    roster the verifier passed when it was found (the early roster, a dive's) is not
    verified twice: at 3,000 agents one check takes seconds.
    """
    if result.roster is None or result.roster_verified or verify(inputs.problem, result.roster).ok:
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
    budget: TimeBudget,
    on_progress: ProgressCallback | None,
) -> SolveResult:
    """Several shifts a day: the shift LP, then CP-SAT on its support, then on the support
    and its neighbours, each within the budget (see the module docstring)."""
    started = budget.started

    def remaining() -> float:
        return max(MIN_PHASE_SECONDS, budget.left())

    lp = lp_relaxation(inputs, time_limit=LP_TIME_SHARE * budget.left())
    if lp is None:
        # No LP in time: the greedy roster guides the search instead, with no bound.
        guide = np.zeros(len(inputs.candidates))
        guide[greedy.chosen] = 1.0
        bound = None
    else:
        guide, bound = lp.shift_values, lp.bound
    if lp is not None and len(inputs.candidates) <= FULL_MODEL_CANDIDATES:
        return _solve_whole(inputs, lp.shift_values, lp.bound, settings, budget, on_progress)
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
        incumbent=early.objective if early is not None else None,
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
        incumbent=min(
            (o.objective for o in (early, first) if o is not None and o.objective is not None),
            default=None,
        ),
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
    budget: TimeBudget,
    on_progress: ProgressCallback | None,
) -> SolveResult:
    """Small problems: CP-SAT on every candidate, so it can prove optimality itself."""

    def hint_rounded(built: ShiftModel) -> None:
        lp_rounding_hint(built, lp_values)

    seconds = max(MIN_PHASE_SECONDS, budget.left())
    outcome = run_search(
        inputs, settings, seconds, budget.started, on_progress, hint_rounded, lp_bound=lp_bound
    )
    cp_bound = outcome.cp_bound if outcome.cp_bound is not None else lp_bound
    return to_result(inputs, outcome, budget.started, bound=max(lp_bound, cp_bound))
