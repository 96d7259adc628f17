"""The week-plan path of ``solver.solve``: column generation, dives, CP-SAT for the rest.

Taken whenever one shift a day is the rule (see ``solver.column_generation``). Measured on
the benchmark (docs/solver.md): the week-plan master bounds far tighter than the shift LP,
and the dives land within a few tenths of a percent where CP-SAT from the greedy roster
stalls at tens of percent.
"""

from __future__ import annotations

from dataclasses import replace
from time import perf_counter

import numpy as np

from solver import best_response
from solver.agent_week import AgentShifts
from solver.bound import lp_relaxation
from solver.budget import MIN_SEARCH_SECONDS, Phase, TimeBudget
from solver.column_generation import ColumnGeneration
from solver.dive import COARSE_STEP, FINE_STEP, dive, rounded
from solver.greedy_roster import GreedyRoster
from solver.hints import add_complete_hint
from solver.model.builder import ShiftModel
from solver.model.inputs import SCALE, ModelInputs
from solver.outcome import best_of, early_roster, to_result
from solver.queue_split import split_over_queues
from solver.result import ProgressCallback, ProgressPoint, SolveResult, SolveSettings
from solver.search import FULL_MODEL_CANDIDATES, SearchOutcome, run_search

# The phases' deadlines come from the solve's time budget (``solver.budget``): the bound
# until ``Phase.GENERATION`` (or until it is within ``FIRST_DIVE_GAP`` of the master), the
# first dive until ``Phase.DIVE``, best-response polish then more rounds until
# ``Phase.POLISH`` (to the limit on large pools); a second dive and CP-SAT get the rest,
# the closing reserve aside.
# A second, finer dive runs when at least this share of the usable time is left.
SECOND_DIVE_SHARE = 0.25
# Column generation stops this close to the master's optimum (relative): the interior
# point master is itself that precise, and CP-SAT closes what is left on small problems.
PLAN_BOUND_TOLERANCE = 1e-4
# When column generation stops short of its master (stalled, or no plan could enter),
# its Lagrangian bound may be weaker than the shift LP's; up to this many candidates the
# shift LP is solved too, in the generation phase's time left, and the better bound kept.
SHIFT_LP_MAX_CANDIDATES = 30_000
# The first dive starts once the bound is this close to the master (relative), without
# waiting for the generation phase to end; the rounds after it close the rest. Measured
# at 1,000 honest agents, 60 s: the bound was within 6 % of the optimum by 10 s, the dive
# (4 s) came only at 21 s, when the generation phase ended, and took the roster from 4 %
# above the optimum to 0.1 %.
FIRST_DIVE_GAP = 0.03
# After a dive, new sweeps start only in this first share of the polish phase: on a dive's
# roster the first sweep gains most (3,000 honest agents: 14 s of sweeps after a dive that
# ended early), and the rest of the phase goes to more rounds, for the bound.
POLISH_SWEEPS_SHARE = 0.25
# The master's set-up takes about this share of the time the inputs took (see plans_fit).
MASTER_SETUP_PER_INPUTS_SECOND = 0.4
# Building CP-SAT's model takes about this many times as long per candidate as building
# the inputs (measured: 4.0 s for 69k candidates against 4.5 s for 620k, 1,000 agents x 28
# days); CP-SAT is not started without that many times its build left (a build, then a
# search twice as long: measured at 3,000 honest agents, a build of 4.6 s and 3 s of search
# on 58k candidates found nothing, nor 4 s and 11 s on 69k at 1,000 agents x 28 days).
CP_SAT_BUILD_PER_INPUTS_SECOND = 10.0
CP_SAT_BUILDS_LEFT = 3.0
# After these rounds of column generation the master is rounded to a roster at once (each
# agent the plan the LP values most) and verified: a good roster early, long before the
# dive (3,000 honest agents, 60 s: 2.45M after round 2, where the first roster is 3.18M
# and the optimum about 2.37M; the dive's roster came at 40 s).
ROUNDED_AFTER_ROUNDS = (2, 4)


def solve_by_plans(
    inputs: ModelInputs,
    start: GreedyRoster,
    early: SearchOutcome,
    settings: SolveSettings,
    budget: TimeBudget,
    on_progress: ProgressCallback | None,
    shifts: list[AgentShifts] | None = None,
) -> SolveResult:
    """Column generation for the bound, a dive for the roster, CP-SAT for what is left.

    Measured on the benchmark (docs/solver.md): the week-plan master bounds far tighter
    than the shift LP, and the dive lands within a few percent where CP-SAT from the
    greedy roster stalls at tens of percent. ``shifts`` are the agents' DP arrays when the
    caller already built them.
    """
    started = budget.started
    gap = settings.relative_gap_limit
    began = perf_counter()  # the master's set-up counts as generation
    generation = ColumnGeneration(inputs, shifts=list(shifts or []))
    generation.add_roster(start.chosen)
    if shifts:
        # A round prices every agent by the DP, as the first roster's sweep did: until a
        # round is timed, that sweep is the guess of how long one takes.
        generation.round_seconds = budget.spent.get("first_roster", 0.0)
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
    first_target = max(target, FIRST_DIVE_GAP)
    small = len(inputs.candidates) <= FULL_MODEL_CANDIDATES

    def round_the_master() -> None:
        """The master rounded and verified: when that check, timed like the slowest so
        far, and a round still fit in the generation phase. No sweep: at 3,000 agents it
        took as long as the check (2.5 s) for 1 % of the objective, and the next round's
        bound is worth more by then."""
        nonlocal best
        needed = budget.slowest_check + generation.last_round_seconds()
        if not budget.fits(needed, by=budget.deadline(Phase.GENERATION)):
            return
        chosen = rounded(generation)
        generation.add_roster(chosen)  # its plans help the master's next solves
        found = checked_roster(inputs, chosen, budget, on_progress, bound_so_far())
        if found is not None and found.better_than(best):
            found.progress = best.progress + found.progress
            best = found

    def bound_so_far() -> float | None:
        if not np.isfinite(generation.bound) or generation.bound <= 0:
            return None
        return generation.bound / SCALE

    stop = "rounds"
    for rounds in ROUNDED_AFTER_ROUNDS:
        stop = generation.run(
            budget.deadline(Phase.GENERATION),
            gap=first_target,
            on_bound=report_bound,
            rounds=rounds,
        )
        if stop != "rounds":
            break
        round_the_master()
    if stop == "rounds":
        stop = generation.run(
            budget.deadline(Phase.GENERATION), gap=first_target, on_bound=report_bound
        )
    if generation.rounds == 0 and perf_counter() + generation.round_seconds < budget.end:
        # No time for a round in the generation phase, but in the search's: one round
        # gives a bound (a gap to report), worth more than CP-SAT's seconds at this size.
        before = generation.bound
        generation.round()
        if generation.bound > before:
            report_bound(generation.bound)
    bound = max(generation.bound, 0.0) / SCALE if np.isfinite(generation.bound) else None
    if stop != "converged":
        bound = at_least_the_shift_lp(inputs, bound, budget)
    began = budget.record("generation", began)

    def dive_and_polish(step: float, dive_until: float, polish_until: float) -> None:
        """A dive needs a master solve and a few rounds, then its roster is verified: it
        is not started when fewer than two rounds' time is left (four weeks under load:
        one round took 20 s). When its own phases are that short but the search has the
        time, the dive takes all of it: on large weeks a dive's roster is far better than
        what CP-SAT finds in the same seconds (docs/solver.md)."""
        nonlocal best
        needed = 2 * generation.last_round_seconds()
        now = perf_counter()
        if polish_until - now < needed <= budget.end - now:
            dive_until, polish_until = now + 0.8 * (budget.end - now), budget.end
        if polish_until - now < needed:
            return
        chosen = dive(generation, dive_until, step)
        now = perf_counter()
        chosen = best_response.improve_by_best_response(
            inputs,
            chosen,
            polish_until,
            sweeps_until=now + POLISH_SWEEPS_SHARE * (polish_until - now),
            shifts=generation.shifts,
        )
        dived = checked_roster(inputs, chosen, budget, on_progress, bound)
        if dived is not None and dived.better_than(best):
            dived.progress = best.progress + dived.progress
            best = dived

    # The dive's roster is verified when found, in the closing reserve when nothing
    # follows; CP-SAT's roster is verified at the end, in that same reserve.
    checked_by = budget.end
    if generation.rounds and (bound is None or not best.within(bound, gap)):
        dive_and_polish(
            COARSE_STEP,
            min(budget.deadline(Phase.DIVE), checked_by),
            min(budget.deadline(Phase.POLISH), checked_by),
        )
    if generation.rounds and (bound is None or not best.within(bound, gap)):
        # The dive's roster is usually within a fraction of a percent of the optimum, the
        # bound further: more rounds, from the master the dive enriched, until the polish
        # phase ends (its sweeps stop early, see POLISH_SWEEPS_SHARE), or to the limit when
        # the problem is too large for CP-SAT to prove anything (3,000 honest agents: 9 s
        # of CP-SAT on 52k candidates found nothing; a round there raised the bound 3 %).
        # Up to the limit itself: the roster to return is verified already, and the
        # reserve is for checking one.
        generation.release()
        more_rounds_until = budget.deadline(Phase.POLISH) if small else budget.last_moment
        generation.run(more_rounds_until, gap=target, on_bound=report_bound)
        if np.isfinite(generation.bound) and generation.bound > 0:
            bound = max(bound or 0.0, generation.bound / SCALE)
    more = budget.share_left() >= SECOND_DIVE_SHARE
    if generation.rounds and more and (bound is None or not best.within(bound, gap)):
        # Time left: a finer dive from the master the first one enriched.
        generation.release()
        now, left = perf_counter(), checked_by - perf_counter()
        dive_and_polish(FINE_STEP, now + 0.6 * left, now + 0.8 * left)
    began = budget.record("dive", began)
    seconds = budget.left()
    if seconds < MIN_SEARCH_SECONDS or (bound is not None and best.within(bound, gap)):
        return to_result(inputs, best, started, bound=bound)
    pool = inputs if small else _plan_support(inputs, generation, best)
    if not small and not budget.fits(
        CP_SAT_BUILDS_LEFT * cp_sat_build_estimate(budget, inputs, pool)
    ):
        return to_result(inputs, best, started, bound=bound)  # no time to build and search
    assert best.chosen is not None
    kept = {i for i, c in enumerate(pool.candidates) if c in best.chosen}

    def hint_best(built: ShiftModel) -> None:
        add_complete_hint(built, kept, split_over_queues(built.inputs, sorted(kept))[1])

    found = run_search(
        pool,
        settings,
        seconds,
        started,
        on_progress,
        hint_best,
        lp_bound=bound,
        complete=small,
        incumbent=best.objective,
    )
    budget.record("cp_sat", began)
    if small and found.cp_bound is not None and found.status in ("optimal", "feasible"):
        bound = found.cp_bound if bound is None else max(bound, found.cp_bound)
    # best_of joins the two histories; CP-SAT's points matter only when it did better
    return to_result(
        pool, best_of(best, found) if found.better_than(best) else best, started, bound
    )


def checked_roster(
    inputs: ModelInputs,
    chosen: list[int],
    budget: TimeBudget,
    on_progress: ProgressCallback | None,
    bound: float | None,
) -> SearchOutcome | None:
    """``chosen`` split over the queues and through the verifier, as a progress point;
    the check is timed, so the closing reserve follows the machine's load on the spot."""
    began = perf_counter()
    served, flows = split_over_queues(inputs, chosen)
    found = early_roster(
        inputs, GreedyRoster(chosen, served, flows), budget.started, on_progress, bound
    )
    budget.measured_closing(perf_counter() - began)
    return found


def cp_sat_build_estimate(budget: TimeBudget, inputs: ModelInputs, pool: ModelInputs) -> float:
    """Seconds to build CP-SAT's model over ``pool``, which cannot be interrupted: the
    pool's candidates at ``CP_SAT_BUILD_PER_INPUTS_SECOND`` times the rate the inputs were
    built at here and now (their time per candidate, validation included)."""
    rate = budget.spent.get("build", 0.0) / max(1, len(inputs.candidates))
    return CP_SAT_BUILD_PER_INPUTS_SECOND * rate * len(pool.candidates)


def plans_fit(budget: TimeBudget, inputs_seconds: float) -> bool:
    """Whether column generation can give anything before the end: the master's set-up
    (estimated from building the inputs, which it reads candidate by candidate), one round
    and one check (each timed like the first roster: a sweep of the same DP, and its
    check). Measured set-ups: 0.5 s against 2.4 s of inputs at 3,000 agents, 9.7 s
    against 31.8 s at 1,000 agents x 28 days under heavy load."""
    first = budget.spent.get("first_roster", 0.0)
    return budget.fits(MASTER_SETUP_PER_INPUTS_SECOND * inputs_seconds + 2 * first)


def sweeps_only(
    inputs: ModelInputs,
    start: GreedyRoster,
    early: SearchOutcome,
    budget: TimeBudget,
    on_progress: ProgressCallback | None,
    shifts: list[AgentShifts] | None,
) -> SolveResult:
    """No time for column generation: best-response sweeps on the first roster until the
    end (stopped agent by agent), then its check, in the closing reserve."""
    began = perf_counter()
    chosen = best_response.improve_by_best_response(inputs, start.chosen, budget.end, shifts=shifts)
    best = early
    if chosen != sorted(start.chosen):
        swept = checked_roster(inputs, chosen, budget, on_progress, None)
        if swept is not None and swept.better_than(early):
            swept.progress = early.progress + swept.progress
            best = swept
    budget.record("polish", began)
    return to_result(inputs, best, budget.started, bound=None)


def at_least_the_shift_lp(
    inputs: ModelInputs, bound: float | None, budget: TimeBudget
) -> float | None:
    """The better of ``bound`` and the shift LP's, when the LP fits in the generation
    phase's time left (see ``SHIFT_LP_MAX_CANDIDATES``). Both are valid lower bounds."""
    seconds = budget.seconds_for(Phase.GENERATION)
    if len(inputs.candidates) > SHIFT_LP_MAX_CANDIDATES or seconds < MIN_SEARCH_SECONDS:
        return bound
    lp = lp_relaxation(inputs, time_limit=seconds)
    if lp is None:
        return bound
    return lp.bound if bound is None else max(bound, lp.bound)


def _plan_support(
    inputs: ModelInputs, generation: ColumnGeneration, best: SearchOutcome
) -> ModelInputs:
    """The candidates of every plan the master generated, and the best roster's."""
    picked = {i for plan in generation.master.plans for i in plan.shifts}
    keep = [c for i, c in enumerate(inputs.candidates) if i in picked or c in (best.chosen or ())]
    return replace(inputs, candidates=keep)
