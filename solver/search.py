"""One CP-SAT search over a set of candidates, and what it found.

The search may run on a restricted set of candidates; its own proven bound is then a
bound on that restricted problem only, so callers pass the LP bound, which holds for the
full problem, and that is the bound reported everywhere, progress included.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from time import perf_counter

from ortools.sat.python import cp_model

from solver.candidates import Candidate
from solver.extract import build_roster
from solver.model.builder import ShiftModel, build_model
from solver.model.inputs import SCALE, ModelInputs
from solver.result import ProgressCallback, ProgressPoint, SolveResult, SolveSettings
from solver.roster import Roster
from solver.verifier import verify

Hinter = Callable[[ShiftModel], object]
OPTIMALITY_TOLERANCE = 1e-9
# Up to this many candidate shifts CP-SAT searches them all and proves its own bound.
FULL_MODEL_CANDIDATES = 4000


def default_workers() -> int:
    """CP-SAT's portfolio needs several workers to be strong, even on few cores."""
    return max(8, os.cpu_count() or 1)


class _Progress(cp_model.CpSolverSolutionCallback):
    """Records each improving solution and forwards it to the caller's callback.

    It also stops the search once a solution is within ``gap_limit`` of the bound the
    caller passed in (column generation's, the shift LP's): CP-SAT knows only its own
    bound, often far weaker, and would otherwise search to the time limit for a proof
    the caller already has (measured: a 20 s re-plan of 8 agents found its roster, 3e-9
    from the plan bound, in a second and searched 19 s more).
    """

    def __init__(
        self,
        started: float,
        callback: ProgressCallback | None,
        lp_bound: float | None,
        complete: bool,
        gap_limit: float = 0.0,
        incumbent: float | None = None,
    ) -> None:
        super().__init__()
        self.started = started
        self.callback = callback
        self.lp_bound = lp_bound
        self.complete = complete
        self.gap_limit = gap_limit
        # The best roster's objective before this search: CP-SAT's first solutions (from
        # a rounded LP) may be worse, and progress must never show a roster getting worse.
        self.incumbent = incumbent
        self.points: list[ProgressPoint] = []

    def on_solution_callback(self) -> None:
        bound = self.lp_bound
        if self.complete:
            own = self.best_objective_bound / SCALE
            bound = own if bound is None else max(bound, own)
        point = ProgressPoint(
            seconds=perf_counter() - self.started,
            objective=self.objective_value / SCALE,
            bound=bound,
        )
        if self.incumbent is None or point.objective < self.incumbent - 1e-9:
            self.incumbent = point.objective
            self.points.append(point)
            if self.callback is not None:
                self.callback(point)
        # The callback's objective may count an excess above its tight value, so it is
        # never below the roster's own: stopping on it never stops short of the gap.
        if bound is not None and relative_gap(point.objective, bound) <= self.gap_limit:
            self.stop_search()


@dataclass
class SearchOutcome:
    status: str  # "optimal", "feasible", "infeasible", "unknown" or "hint" for this search
    candidates: int
    build_seconds: float
    complete: bool = True  # searched every candidate: CP-SAT's bound is a problem bound
    objective: float | None = None
    cp_bound: float | None = None
    chosen: set[Candidate] | None = None
    flows: dict[tuple[int, int, int], int] | None = None
    terms: dict[str, float] = field(default_factory=dict)
    progress: list[ProgressPoint] = field(default_factory=list)
    # The roster of ``chosen`` and ``flows`` once the verifier has passed it (early rosters
    # and dives are verified when found): the result reuses it rather than rebuild it.
    verified: Roster | None = None

    def within(self, bound: float, gap: float) -> bool:
        """True when this roster is proven within ``gap`` (relative) of the optimum."""
        return self.objective is not None and relative_gap(self.objective, bound) <= gap

    def proven_optimal(self, bound: float) -> bool:
        return self.objective is not None and self.objective <= bound + OPTIMALITY_TOLERANCE

    def better_than(self, other: SearchOutcome) -> bool:
        if self.objective is None:
            return False
        return other.objective is None or self.objective < other.objective - 1e-9

    def to_result(self, inputs: ModelInputs, started: float, bound: float | None) -> SolveResult:
        wall = perf_counter() - started
        first = self.progress[0].seconds if self.progress else None
        common = {
            "build_seconds": self.build_seconds,
            "wall_seconds": wall,
            "progress": self.progress,
            "candidate_shifts": self.candidates,
            "first_solution_seconds": first,
        }
        if self.chosen is None:
            return SolveResult(status="unknown", **common)
        roster = self.verified or build_roster(
            inputs, sorted(self.chosen, key=_order), self.flows or {}
        )
        if self.objective is None:
            report = verify(inputs.problem, roster)
            self.terms = dict(report.kpis.objective_terms)
            self.objective = sum(self.terms.values())
            self.verified = roster if report.ok else None
            common["first_solution_seconds"] = wall
        if bound is None and self.complete:
            bound = self.cp_bound
        if bound is None:
            result = SolveResult(
                status="feasible",
                roster=roster,
                objective=self.objective,
                objective_terms=self.terms,
                **common,
            )
        else:
            gap = relative_gap(self.objective, bound)
            optimal = gap <= OPTIMALITY_TOLERANCE or (
                self.status == "optimal" and bound == self.cp_bound
            )
            result = SolveResult(
                status="optimal" if optimal else "feasible",
                roster=roster,
                objective=self.objective,
                bound=bound,
                gap=gap,
                objective_terms=self.terms,
                **common,
            )
        return result.with_verified_roster() if roster is self.verified else result


def _order(cand: Candidate) -> tuple[int, int]:
    return cand.agent, cand.start


def relative_gap(objective: float, bound: float) -> float:
    if abs(objective) < 1e-9:
        return 0.0
    return max(0.0, (objective - bound) / abs(objective))


def _configured_solver(settings: SolveSettings, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = seconds
    params.relative_gap_limit = settings.relative_gap_limit
    params.num_workers = settings.num_workers or default_workers()
    params.random_seed = settings.random_seed
    params.log_search_progress = settings.log_search_progress
    params.stop_after_first_solution = settings.stop_after_first_solution
    return solver


_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
}


def run_search(
    inputs: ModelInputs,
    settings: SolveSettings,
    seconds: float,
    started: float,
    on_progress: ProgressCallback | None,
    hinter: Hinter,
    lp_bound: float | None = None,
    complete: bool = True,
    incumbent: float | None = None,
) -> SearchOutcome:
    """Build the model over ``inputs.candidates``, hint it, and search for ``seconds``.

    ``complete`` says whether ``inputs`` holds every candidate of the problem: only then
    is CP-SAT's own bound a bound on the problem, and not just on this search. Progress
    reports only rosters better than ``incumbent`` (the best found before this search).
    """
    building = perf_counter()
    built = build_model(inputs)
    hinter(built)
    build_seconds = perf_counter() - building
    solver = _configured_solver(settings, max(0.05, seconds - build_seconds))
    progress = _Progress(
        started, on_progress, lp_bound, complete, settings.relative_gap_limit, incumbent
    )
    code = solver.solve(built.model, progress)
    outcome = SearchOutcome(
        status=_STATUS.get(code, "unknown"),
        candidates=len(inputs.candidates),
        build_seconds=build_seconds,
        complete=complete,
        progress=progress.points,
    )
    if code == cp_model.UNKNOWN and built.hinted is not None and _keeps_locks(inputs, built):
        # CP-SAT found nothing in time (presolve of a very large model): the hint is a
        # legal roster by construction, so it is the answer; its figures come at the end.
        picked, flows = built.hinted
        outcome.status = "hint"
        outcome.chosen = {inputs.candidates[i] for i in picked}
        outcome.flows = flows
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        pairs = zip(inputs.candidates, built.chosen, strict=True)
        outcome.chosen = {cand for cand, var in pairs if solver.value(var)}
        outcome.flows = {key: int(solver.value(var)) for key, var in built.flows.items()}
        outcome.terms = _term_values(solver, built)
        outcome.objective = sum(outcome.terms.values())
        outcome.cp_bound = solver.best_objective_bound / SCALE
    return outcome


def _keeps_locks(inputs: ModelInputs, built: ShiftModel) -> bool:
    """A hint that dropped a locked shift is no answer (the construction may skip one)."""
    assert built.hinted is not None
    picked = built.hinted[0]
    return all(i in picked for i, cand in enumerate(inputs.candidates) if cand.locked)


def _term_values(solver: cp_model.CpSolver, built: ShiftModel) -> dict[str, float]:
    """Each named term of the roster found, with every excess variable at its tight value.

    The result is the roster's true objective, which the verifier recomputes on its own.
    """
    points = dict(built.constants)
    for name, entries in built.terms.items():
        points[name] = points.get(name, 0) + sum(coef * solver.value(var) for var, coef in entries)
    for name, var, expression, coef in built.excesses:
        slack = solver.value(var) - max(0, solver.value(expression))
        points[name] -= coef * slack
    return {name: value / SCALE for name, value in points.items()}
