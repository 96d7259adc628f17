"""The one way a solve runs, for the API, the web pages, the scheduler and the CLI.

A caller records a run (``api.solves.service.start`` or a re-plan's ``prepare``), commits,
and hands over its id: ``submit(run_id)``, or ``submit_after_commit(session, run_id)`` from
inside the transaction that creates it. Everything after that is this module's job and is
written to the database as it happens, so every caller reads the same story from the run row:

- the snapshot and settings are read from the run (a task carries an id, never a problem);
- the solve runs in a spawned solver process of a local pool (the embedded default), which
  exits when its parent dies and yields the CPU to the API;
- progress points go to the run as they arrive; a heartbeat renews ``heartbeat_at`` of every
  run this process holds, so a run whose process died is recognised by a stale heartbeat
  (``api.solves.service.fail_abandoned_runs``) instead of staying "running" forever;
- a solve past its time limit plus the grace is killed and its run failed with that reason;
- the result (roster as a draft, the verifier's verdict) or the failure is recorded once:
  a run already ended (failed by the lease sweep, say) is never written again.

``submit`` returns a future that completes once the outcome is recorded; the API ignores it,
the re-plan service waits on it. ``SolveExecution`` is that interface; ``LocalExecution``
(the local pool, the default) and ``api.solves.celery_execution.CeleryExecution`` (solves
on ``homeshore solve-worker`` processes through RabbitMQ, whose workers run each claimed run
in a ``LocalExecution`` of their own) sit behind it, chosen by ``HOMESHORE_SOLVE_BACKEND``.
A run cancelled through the API (status ``cancelled``) is seen by the execution holding it
within about a second, and its solver process is killed.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import queue
import threading
import time
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import event
from sqlalchemy.orm import Session

from api.db.database import Database
from api.settings import Settings
from api.solves import repository, service
from api.solves.worker import SolveOutput, SolveTarget, execute, init_worker, run_solve
from solver.result import SolveSettings

log = logging.getLogger(__name__)
_STOP = ("stop", 0, None)

#: Who waits for a solve, most urgent first: a re-plan after an absence, a manager's solve,
#: the nightly batch. The celery backend turns it into a message priority.
Urgency = Literal["replan", "solve", "nightly"]


@dataclass
class _Held:
    """A run this process has accepted: its outcome future, and its deadline once started."""

    done: Future[None]
    limit_seconds: float
    started: float | None = None


class SolveExecution:
    """The one way to run a solve; every caller holds one, built by ``execution_for``."""

    def __init__(self) -> None:
        self._hand_over_lock = threading.Lock()
        self._hand_over: ThreadPoolExecutor | None = None
        self._closed = False

    def submit(self, run_id: int, urgency: Urgency = "solve") -> Future[None]:
        """Start executing a committed run; the future completes once its outcome is stored."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """Stop executing (what the local pool runs fails as interrupted)."""
        raise NotImplementedError

    def health(self) -> dict[str, Any] | None:
        """What ``/health`` adds about this execution (nothing for the local pool)."""
        return None

    def submit_after_commit(
        self, session: Session, run_id: int, urgency: Urgency = "solve"
    ) -> None:
        """Submit ``run_id`` once ``session`` commits (never if it rolls back).

        The submission runs on a hand-over thread, not inside the commit: the committing
        thread may still hold this process's SQLite write turn, which a failure to start
        (recorded in a write session) would otherwise wait for for ever.

        SQLAlchemy also fires ``after_commit`` when a SAVEPOINT is released
        (``begin_nested``), while the enclosing transaction, and the run with it, is not
        committed and may still roll back: only the outermost commit hands the run over,
        and only the commit of the transaction the run was created in (after a rollback the
        run does not exist, whatever the session commits next).
        """
        handed: list[bool] = []
        creating = session.get_transaction()

        def hand_over(committed: Session) -> None:
            if handed or committed.in_nested_transaction():
                return
            if creating is not None and committed.get_transaction() is not creating:
                handed.append(False)
                return
            handed.append(True)
            try:
                self._hand_over_thread().submit(self.submit, run_id, urgency)
            except RuntimeError:  # shutting down: the run's heartbeat goes stale, it is failed
                log.warning("solve run %s was committed during shutdown; not started", run_id)

        event.listen(session, "after_commit", hand_over)

    def _hand_over_thread(self) -> ThreadPoolExecutor:
        with self._hand_over_lock:
            if self._closed:
                raise RuntimeError("the solve execution is shut down")
            if self._hand_over is None:
                self._hand_over = ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix="solve-hand-over"
                )
            return self._hand_over

    def _stop_hand_over(self) -> None:
        """Hand over what is already committed, and nothing from now on."""
        with self._hand_over_lock:
            self._closed = True
            hand_over, self._hand_over = self._hand_over, None
        if hand_over is not None:
            hand_over.shutdown(wait=True)


class LocalExecution(SolveExecution):
    """Solves in a local pool of spawned solver processes; one per process that executes
    solves. ``target`` is for tests that make solves fail; ``solver_threads`` (when set)
    caps each solve's CP-SAT threads, so concurrent solves do not fight for cores."""

    def __init__(
        self,
        database: Database,
        processes: int = 1,
        niceness: int = 0,
        grace_seconds: float = 60.0,
        heartbeat_seconds: float = 10.0,
        target: SolveTarget = run_solve,
        solver_threads: int | None = None,
    ) -> None:
        super().__init__()
        self._solver_threads = solver_threads
        self._database = database
        self._processes = processes
        self._niceness = niceness
        self._grace = grace_seconds
        self._heartbeat = heartbeat_seconds
        self._target = target
        self._lock = threading.RLock()
        self._held: dict[int, _Held] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._started = False
        self._stopping = threading.Event()
        self._collateral: set[int] = set()

    # -- the interface -------------------------------------------------------------------

    def submit(self, run_id: int, urgency: Urgency = "solve") -> Future[None]:
        """Start executing a committed run; the future completes once its outcome is stored.

        The local pool serves runs in the order they come (``urgency`` is for brokers)."""
        self._start()
        done: Future[None] = Future()
        try:
            with self._database.session() as session:
                run = repository.get(session, run_id)
                if run is None or run.status not in ("queued", "running"):
                    done.set_result(None)
                    return done
                problem_json = json.dumps(run.problem)
                settings = self._capped(SolveSettings.model_validate(run.settings))
            with self._lock:
                self._held[run_id] = _Held(done, settings.time_limit_seconds)
                future = self._submit_to_pool(run_id, problem_json, settings)
        except Exception as exc:
            log.exception("could not start solve run %s", run_id)
            self._end(run_id, failure=f"could not start: {exc}")
            return done
        future.add_done_callback(lambda f: self._on_done(run_id, f))
        return done

    def _capped(self, settings: SolveSettings) -> SolveSettings:
        threads = self._solver_threads
        if threads is None or (settings.num_workers and settings.num_workers <= threads):
            return settings
        return settings.model_copy(update={"num_workers": threads})

    def shutdown(self) -> None:
        """Stop the solver processes now; their runs fail as interrupted."""
        self._stop_hand_over()
        with self._lock:
            if not self._started:
                return
            self._stopping.set()
            pool, self._pool = self._pool, None
        if pool is not None:
            _discard(pool, kill=True)
        self._finisher.shutdown(wait=True)
        self._progress.put(_STOP)
        self._drain.join(timeout=10)
        self._beat.join(timeout=10)
        for run_id in list(self._held):
            self._end(run_id, failure="interrupted: the process executing it stopped")

    # -- the pool ------------------------------------------------------------------------

    def _start(self) -> None:
        """Create the pool, queue and threads on first use (most apps in tests never solve)."""
        with self._lock:
            if self._started:
                return
            self._context = multiprocessing.get_context("spawn")
            self._progress: Any = self._context.Queue()
            self._finisher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="solve-finish")
            self._drain = threading.Thread(
                target=self._drain_progress, name="solve-progress", daemon=True
            )
            self._beat = threading.Thread(target=self._heartbeats, name="solve-beat", daemon=True)
            self._drain.start()
            self._beat.start()
            self._started = True

    def _current_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self._processes,
                mp_context=self._context,
                initializer=init_worker,
                initargs=(self._progress, self._niceness, os.getpid()),
            )
        return self._pool

    def _submit_to_pool(
        self, run_id: int, problem_json: str, settings: SolveSettings
    ) -> Future[SolveOutput]:
        args = (problem_json, settings.model_dump_json())
        try:
            return self._current_pool().submit(execute, self._target, run_id, *args)
        except BrokenProcessPool:
            # A solver process died (killed, out of memory): this pool is unusable.
            log.warning("solver pool was broken; starting a new one")
            self._pool = None
            return self._current_pool().submit(execute, self._target, run_id, *args)

    def _on_done(self, run_id: int, future: Future[SolveOutput]) -> None:
        try:
            self._finisher.submit(self._finish, run_id, future)
        except RuntimeError:
            log.warning("solve run %s ended during shutdown; it is marked interrupted", run_id)

    def _finish(self, run_id: int, future: Future[SolveOutput]) -> None:
        held = self._held.get(run_id)
        try:
            result, figures = future.result()
        except (BrokenProcessPool, CancelledError):  # its pool died or was killed
            with self._lock:
                if self._pool is not None and getattr(self._pool, "_broken", False):
                    _discard(self._pool)
                    self._pool = None
            if held is not None and held.done.done():
                return
            if held is not None and self._resubmit_collateral(run_id, held):
                return
            self._end(
                run_id,
                failure="the solver process died (killed or crashed) before returning a result",
            )
            return
        except Exception as exc:
            log.warning("solve run %s failed: %s", run_id, exc)
            self._end(run_id, failure=f"the solver raised {type(exc).__name__}: {exc}")
            return
        self._end(run_id, result=(result, figures))

    def _end(
        self,
        run_id: int,
        failure: str | None = None,
        result: SolveOutput | None = None,
    ) -> None:
        """Record the outcome (once) and complete the caller's future."""
        with self._lock:
            held = self._held.pop(run_id, None)
        try:
            with self._database.session(write=True) as session:
                if result is not None:
                    service.record_result(session, run_id, *result)
                else:
                    service.record_failure(session, run_id, failure or "unknown failure")
        except Exception:
            log.exception("could not record the outcome of solve run %s", run_id)
        if held is not None and not held.done.done():
            held.done.set_result(None)

    # -- the threads ---------------------------------------------------------------------

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
            with self._lock:
                for kind, run_id, _payload in batch:
                    held = self._held.get(run_id)
                    if kind == "started" and held is not None:
                        held.started = time.monotonic()
            try:
                with self._database.session(write=True) as session:
                    service.record_progress(session, batch)
            except Exception:
                log.exception("could not record solve progress")

    def _heartbeats(self) -> None:
        """Renew held runs' heartbeats, and kill a solve that outlives its limit and grace."""
        last_beat = 0.0
        while not self._stopping.wait(min(self._heartbeat, 1.0)):
            self._kill_overdue()
            self._kill_cancelled()
            if time.monotonic() - last_beat < self._heartbeat:
                continue
            last_beat = time.monotonic()
            with self._lock:
                run_ids = list(self._held)
            if not run_ids:
                continue
            try:
                with self._database.session(write=True) as session:
                    repository.renew_heartbeats(session, run_ids)
            except Exception:
                log.exception("could not renew the heartbeat of solve runs %s", run_ids)

    def _kill_overdue(self) -> None:
        now = time.monotonic()
        with self._lock:
            overdue = [
                (run_id, held)
                for run_id, held in self._held.items()
                if held.started is not None
                and now - held.started > held.limit_seconds + self._grace
            ]
            if not overdue:
                return
            self._kill_pool_of({run_id for run_id, _held in overdue})
        for run_id, held in overdue:
            deadline = held.limit_seconds + self._grace
            self._end(
                run_id,
                failure=f"killed: no result {deadline:g} s after start (time limit "
                f"{held.limit_seconds:g} s + grace {self._grace:g} s)",
            )

    def _kill_cancelled(self) -> None:
        """Stop the solver of every held run a user cancelled (its status says so)."""
        with self._lock:
            run_ids = list(self._held)
        if not run_ids:
            return
        try:
            with self._database.session() as session:
                cancelled = repository.in_status(session, run_ids, ("cancelled",))
        except Exception:
            log.exception("could not check solve runs %s for cancellation", run_ids)
            return
        if not cancelled:
            return
        log.info("solve runs %s were cancelled; stopping their solver", cancelled)
        with self._lock:
            self._kill_pool_of(set(cancelled))
        for run_id in cancelled:
            self._end(run_id, failure="cancelled")

    def _kill_pool_of(self, victims: set[int]) -> None:
        """Kill the pool's processes (a pool cannot lose one); the other runs it held are
        submitted again to a new pool instead of failing with it. Holds ``_lock``."""
        pool, self._pool = self._pool, None
        self._collateral |= set(self._held) - victims
        if pool is not None:
            _discard(pool, kill=True)

    def _resubmit_collateral(self, run_id: int, held: _Held) -> bool:
        """A run whose pool was killed for another run's sake starts again; False if not."""
        with self._lock:
            if run_id not in self._collateral:
                return False
            self._collateral.discard(run_id)
            self._held.pop(run_id, None)
        log.info("solve run %s lost its pool to another run's kill; starting it again", run_id)
        again = self.submit(run_id)
        again.add_done_callback(lambda _f: _complete(held.done))
        return True


def _complete(done: Future[None]) -> None:
    if not done.done():
        done.set_result(None)


def _discard(pool: ProcessPoolExecutor, kill: bool = False) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    if kill:
        for process in processes:
            process.kill()


def execution_for(
    database: Database, settings: Settings, processes: int | None = None
) -> SolveExecution:
    """The execution every process builds from its settings (the API, the worker, the CLI)."""
    if settings.solve_backend == "celery":
        from api.solves.celery_execution import CeleryExecution

        return CeleryExecution(database, settings)
    return local_execution_for(database, settings, processes)


def local_execution_for(
    database: Database,
    settings: Settings,
    processes: int | None = None,
    solver_threads: int | None = None,
) -> LocalExecution:
    """The local pool from the settings (the default backend, and inside each solve worker)."""
    return LocalExecution(
        database,
        processes or settings.solver_processes,
        settings.solver_niceness,
        grace_seconds=settings.replan_grace_seconds,
        heartbeat_seconds=settings.run_lease_seconds / 4,
        solver_threads=solver_threads,
    )
