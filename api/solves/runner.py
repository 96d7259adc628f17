"""Runs solves in a process pool, off the event loop, and records what they report.

The API process never solves: it hands the problem snapshot (JSON) to a spawned worker
process and returns the run id at once. A drain thread writes progress points as they
arrive; a finisher thread stores the result when the worker returns. Both open their own
sessions through ``Database``, so every write is one committed transaction.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from api.db.database import Database
from api.solves import service
from api.solves.worker import init_worker, run_solve
from solver.result import SolveResult, SolveSettings

log = logging.getLogger(__name__)
_STOP = ("stop", 0, None)


class SolveRunner:
    """One per application. ``submit`` returns immediately; ``shutdown`` on exit."""

    def __init__(self, database: Database, processes: int, niceness: int = 0) -> None:
        self._database = database
        self._processes = processes
        self._niceness = niceness
        self._lock = threading.Lock()
        self._started = False

    def _start(self) -> None:
        """Create the pool, queue and threads on first use (most apps in tests never solve)."""
        with self._lock:
            if self._started:
                return
            self._context = multiprocessing.get_context("spawn")
            self._progress: Any = self._context.Queue()
            self._pool = self._new_pool()
            self._finisher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="solve-finish")
            self._drain = threading.Thread(target=self._drain_progress, name="solve-progress")
            self._drain.daemon = True
            self._drain.start()
            self._started = True

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._processes,
            mp_context=self._context,
            initializer=init_worker,
            initargs=(self._progress, self._niceness),
        )

    def submit(self, run_id: int, problem_json: str, settings: SolveSettings) -> None:
        """Hand a committed run to a solver process; a failure to do so fails the run."""
        self._start()
        settings_json = settings.model_dump_json()
        try:
            try:
                future = self._pool.submit(run_solve, run_id, problem_json, settings_json)
            except BrokenProcessPool:
                # A worker died (killed, out of memory); the pool is unusable, build a new one.
                log.warning("solver pool was broken; starting a new one")
                self._pool = self._new_pool()
                future = self._pool.submit(run_solve, run_id, problem_json, settings_json)
        except Exception as exc:
            log.exception("could not start solve run %s", run_id)
            with self._database.session(write=True) as session:
                service.record_failure(session, run_id, f"could not start: {exc}")
            return
        future.add_done_callback(lambda done: self._on_done(run_id, done))

    def _on_done(
        self, run_id: int, future: Future[tuple[SolveResult, dict[str, Any] | None]]
    ) -> None:
        try:
            self._finisher.submit(self._finish, run_id, future)
        except RuntimeError:
            log.warning("solve run %s ended during shutdown; it is marked interrupted", run_id)

    def _finish(
        self, run_id: int, future: Future[tuple[SolveResult, dict[str, Any] | None]]
    ) -> None:
        try:
            try:
                result, figures = future.result()
            except Exception as exc:
                log.exception("solve run %s failed", run_id)
                with self._database.session(write=True) as session:
                    service.record_failure(session, run_id, f"{type(exc).__name__}: {exc}")
                return
            with self._database.session(write=True) as session:
                service.record_result(session, run_id, result, figures)
        except Exception:
            log.exception("could not record the outcome of solve run %s", run_id)

    def _drain_progress(self) -> None:
        while True:
            try:
                batch = [self._progress.get()]
            except (EOFError, OSError):
                return
            while True:
                try:
                    batch.append(self._progress.get_nowait())
                except queue.Empty:
                    break
            if _STOP in batch:
                return
            try:
                with self._database.session(write=True) as session:
                    service.record_progress(session, batch)
            except Exception:
                log.exception("could not record solve progress")

    def shutdown(self) -> None:
        if not self._started:
            return
        # A solve still running would hold the process open until its time limit; its run
        # is marked interrupted at the next start, so stop the worker now.
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        self._finisher.shutdown(wait=True)
        self._progress.put(_STOP)
        self._drain.join(timeout=10)
