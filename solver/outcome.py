"""Turning what a search found into answers: the early roster, the better of two, the result.

Shared by both search paths of ``solver.solve`` (week plans and the shift LP).
"""

from __future__ import annotations

from time import perf_counter

from solver.diagnose import explain_infeasibility
from solver.extract import build_roster
from solver.greedy_roster import GreedyRoster
from solver.model.inputs import ModelInputs
from solver.replan import roster_changes
from solver.result import ProgressCallback, ProgressPoint, SolveResult
from solver.search import SearchOutcome
from solver.verifier import verify


def early_roster(
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
        verified=roster,
    )


def best_of(early: SearchOutcome | None, found: SearchOutcome) -> SearchOutcome:
    """The better of the early roster and the search's, with the progress of both."""
    progress = (early.progress if early else []) + found.progress
    best = early if early is not None and early.better_than(found) else found
    best.progress = progress
    return best


def to_result(
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
