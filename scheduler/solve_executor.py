"""Runs a solve in a spawned solver process and waits for it, with a hard deadline.

Jobs run in a thread of the worker; the solve itself runs in a separate process (as the
API's solves do), so a solver that crashes, is killed or hangs cannot take the worker down.
Every way a solve can end badly becomes one ``SolveFailed`` with a reason a planner can
read; the pool is rebuilt after a dead or killed process, so the next run starts clean.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from api.solves.worker import run_solve
from solver.result import SolveResult, SolveSettings

log = logging.getLogger(__name__)

SolveOutput = tuple[SolveResult, dict[str, Any] | None]
SolveTarget = Callable[[int, str, str], SolveOutput]


class SolveFailed(Exception):
    """The solve gave no result; ``reason`` is stored on the run."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _lower_priority(niceness: int) -> None:
    """Pool initializer: the solver yields the CPU to the API and the scheduler."""
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


class SolveExecutor:
    """Solver processes for the worker. ``target`` is a module-level function (picklable).

    ``target`` defaults to the API's ``run_solve`` (solve, then verify); tests give another
    module-level function to make the process raise or die.
    """

    def __init__(
        self, processes: int = 1, niceness: int = 0, target: SolveTarget = run_solve
    ) -> None:
        self._processes = processes
        self._niceness = niceness
        self._target = target
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _current_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self._processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_lower_priority,
                    initargs=(self._niceness,),
                )
            return self._pool

    def run(
        self, run_id: int, problem_json: str, settings: SolveSettings, grace_seconds: float
    ) -> SolveOutput:
        """The solve's result, or ``SolveFailed`` after a crash or past limit + grace."""
        pool = self._current_pool()
        try:
            future = pool.submit(self._target, run_id, problem_json, settings.model_dump_json())
        except BrokenProcessPool:
            self._discard(pool)
            pool = self._current_pool()
            future = pool.submit(self._target, run_id, problem_json, settings.model_dump_json())
        deadline = settings.time_limit_seconds + grace_seconds
        try:
            return future.result(timeout=deadline)
        except FutureTimeout:
            self._discard(pool, kill=True)
            raise SolveFailed(
                f"killed: no result {deadline:g} s after start "
                f"(time limit {settings.time_limit_seconds:g} s + grace {grace_seconds:g} s)"
            ) from None
        except BrokenProcessPool:
            self._discard(pool)
            raise SolveFailed(
                "the solver process died (killed or crashed) before returning a result"
            ) from None
        except Exception as exc:
            raise SolveFailed(f"the solver raised {type(exc).__name__}: {exc}") from exc

    def _discard(self, pool: ProcessPoolExecutor, kill: bool = False) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        if kill:
            for process in processes:
                process.kill()

    def shutdown(self) -> None:
        """Stop the solver processes now (a running solve's run is then marked failed)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            self._discard(pool, kill=True)
