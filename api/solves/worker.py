"""What runs inside a solver process: solve, verify, return plain data.

Imports only the solver, so a spawned worker starts without the web stack. Progress points
go back to the API process through the queue the pool gave this process at start-up.
"""

from __future__ import annotations

import multiprocessing.queues
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from solver.problem import Problem
from solver.result import ProgressPoint, SolveResult, SolveSettings
from solver.verifier.report import VerificationReport

SolveOutput = tuple[SolveResult, dict[str, Any] | None]
SolveTarget = Callable[[int, str, str], SolveOutput]
_progress: multiprocessing.queues.Queue[Any] | None = None


def die_with_parent(parent: int, poll_seconds: float = 0.5) -> None:
    """Exit as soon as the process that started this one is gone.

    A ``kill -9`` of ``homeshore serve`` or ``homeshore worker`` must not leave solver
    processes behind, still solving and about to write results nobody waits for. Linux's
    ``PR_SET_PDEATHSIG`` would fire when the *thread* that spawned us ends (a request thread,
    often), so a watcher thread compares the parent pid instead: it changes when we are
    re-parented after the parent died. ``parent`` comes from the parent itself: a child that
    is still importing when its parent dies must not mistake its new parent for the old one.
    """

    def watch() -> None:
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def init_worker(progress: multiprocessing.queues.Queue[Any], niceness: int, parent: int) -> None:
    """Pool initializer: die with the parent, report progress, yield the CPU to the API."""
    global _progress
    if os.getppid() != parent:
        os._exit(1)
    die_with_parent(parent)
    _progress = progress
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


def _send(message: tuple[str, int, dict[str, float] | None]) -> None:
    if _progress is not None:
        _progress.put(message)


def execute(target: SolveTarget, run_id: int, problem_json: str, settings_json: str) -> SolveOutput:
    """What the pool runs: say the run started (its deadline counts from now), then solve."""
    _send(("started", run_id, None))
    return target(run_id, problem_json, settings_json)


def run_solve(run_id: int, problem_json: str, settings_json: str) -> SolveOutput:
    """Solve, then check the roster with the independent verifier (its KPIs are the ones shown)."""
    from solver.solve import solve
    from solver.verifier import verify

    problem = Problem.model_validate_json(problem_json)
    settings = SolveSettings.model_validate_json(settings_json)

    def on_progress(point: ProgressPoint) -> None:
        _send(("progress", run_id, point.model_dump()))

    result = solve(problem, settings, on_progress)
    if result.roster is None:
        return result, None
    return result, stored_figures(verify(problem, result.roster))


def stored_figures(report: VerificationReport) -> dict[str, Any]:
    """The verifier's report as a roster stores it (``Roster.kpis`` and its verdict)."""
    figures = report.kpis.model_dump(mode="json", exclude={"agent_weeks"})
    figures["violations"] = [str(v) for v in report.violations[:100]]
    figures["violation_count"] = len(report.violations)
    figures["ok"] = report.ok
    return figures
