"""What runs inside a solver process: solve, verify, return plain data.

Imports only the solver, so a spawned worker starts without the web stack. Progress points
go back to the API process through the queue the pool gave this process at start-up.
"""

from __future__ import annotations

import multiprocessing.queues
import os
from typing import Any

from solver.problem import Problem
from solver.result import ProgressPoint, SolveResult, SolveSettings

_progress: multiprocessing.queues.Queue[Any] | None = None


def init_worker(progress: multiprocessing.queues.Queue[Any], niceness: int = 0) -> None:
    """Pool initializer: remember where to send progress; yield the CPU to the API first."""
    global _progress
    _progress = progress
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


def _send(message: tuple[str, int, dict[str, float] | None]) -> None:
    if _progress is not None:
        _progress.put(message)


def run_solve(
    run_id: int, problem_json: str, settings_json: str
) -> tuple[SolveResult, dict[str, Any] | None]:
    """Solve, then check the roster with the independent verifier (its KPIs are the ones shown)."""
    from solver.solve import solve
    from solver.verifier import verify

    _send(("started", run_id, None))
    problem = Problem.model_validate_json(problem_json)
    settings = SolveSettings.model_validate_json(settings_json)

    def on_progress(point: ProgressPoint) -> None:
        _send(("progress", run_id, point.model_dump()))

    result = solve(problem, settings, on_progress)
    if result.roster is None:
        return result, None
    report = verify(problem, result.roster)
    figures = report.kpis.model_dump(mode="json", exclude={"agent_weeks"})
    for queue in figures["queues"].values():
        queue.pop("countries", None)
    figures["violations"] = [str(v) for v in report.violations[:100]]
    figures["violation_count"] = len(report.violations)
    figures["ok"] = report.ok
    return result, figures
