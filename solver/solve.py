"""``solve(problem, settings) -> SolveResult``: the one entry point of the solver.

Pure: inputs in, roster and figures out; no files, no database, no clock beyond timing.
That is what lets a solve run in a process pool or on another machine unchanged.
"""

from __future__ import annotations

import os
from time import perf_counter

from ortools.sat.python import cp_model

from solver.construct import greedy_hint
from solver.diagnose import explain_infeasibility
from solver.extract import build_roster
from solver.model.builder import ShiftModel, build_model
from solver.model.inputs import SCALE, ModelInputs, build_inputs
from solver.model.locks import lock_conflicts
from solver.problem import Problem
from solver.result import (
    Conflict,
    ProgressCallback,
    ProgressPoint,
    SolveResult,
    SolveSettings,
    SolveStatus,
)
from solver.validation import check_problem

_STATUS: dict[cp_model.CpSolverStatus, SolveStatus] = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
    cp_model.MODEL_INVALID: "unknown",
}


class _Progress(cp_model.CpSolverSolutionCallback):
    """Records each improving solution and forwards it to the caller's callback."""

    def __init__(self, started: float, callback: ProgressCallback | None) -> None:
        super().__init__()
        self.started = started
        self.callback = callback
        self.points: list[ProgressPoint] = []

    def on_solution_callback(self) -> None:
        point = ProgressPoint(
            seconds=perf_counter() - self.started,
            objective=self.objective_value / SCALE,
            bound=self.best_objective_bound / SCALE,
        )
        self.points.append(point)
        if self.callback is not None:
            self.callback(point)


def default_workers() -> int:
    """CP-SAT's portfolio needs several workers to be strong, even on few cores."""
    return max(8, os.cpu_count() or 1)


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
                Conflict(
                    rule="invalid_problem", agent_id=i.agent_id, detail=f"{i.field}: {i.reason}"
                )
                for i in issues
            ],
            wall_seconds=perf_counter() - started,
        )
    inputs = build_inputs(problem)
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
    built = build_model(inputs)
    greedy_hint(built)
    build_seconds = perf_counter() - started
    solver = _configured_solver(settings)
    progress = _Progress(started, on_progress)
    code = solver.solve(built.model, progress)
    status = _STATUS[code]
    common = {
        "build_seconds": build_seconds,
        "wall_seconds": perf_counter() - started,
        "progress": progress.points,
        "candidate_shifts": len(inputs.candidates),
        "first_solution_seconds": progress.points[0].seconds if progress.points else None,
    }
    if status == "infeasible":
        return SolveResult(status=status, conflicts=explain_infeasibility(inputs), **common)
    if status not in ("optimal", "feasible"):
        return SolveResult(status=status, **common)
    objective = solver.objective_value / SCALE
    bound = solver.best_objective_bound / SCALE
    return SolveResult(
        status=status,
        roster=_roster(solver, built),
        objective=objective,
        bound=bound,
        gap=relative_gap(objective, bound),
        objective_terms=_term_values(solver, built),
        **common,
    )


def relative_gap(objective: float, bound: float) -> float:
    if abs(objective) < 1e-9:
        return 0.0
    return max(0.0, (objective - bound) / abs(objective))


def _configured_solver(settings: SolveSettings) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = settings.time_limit_seconds
    params.relative_gap_limit = settings.relative_gap_limit
    params.num_workers = settings.num_workers or default_workers()
    params.random_seed = settings.random_seed
    params.log_search_progress = settings.log_search_progress
    return solver


def _roster(solver: cp_model.CpSolver, built: ShiftModel):  # type: ignore[no-untyped-def]
    inputs: ModelInputs = built.inputs
    chosen = [
        c for c, var in zip(inputs.candidates, built.chosen, strict=True) if solver.value(var)
    ]
    flows = {key: int(solver.value(expr)) for key, expr in built.flows.items()}
    return build_roster(inputs, chosen, flows)


def _term_values(solver: cp_model.CpSolver, built: ShiftModel) -> dict[str, float]:
    values = {name: points / SCALE for name, points in built.constants.items()}
    for name, entries in built.terms.items():
        total = sum(coef * solver.value(var) for var, coef in entries)
        values[name] = values.get(name, 0.0) + total / SCALE
    return values
