"""The worker: hold the leader lock, and run the scheduler only while holding it.

``step()`` is one beat of the loop (take or renew the lock; start or stop the scheduler
to match), so tests drive the hand-over with their own clock instead of waiting; ``run``
repeats it until asked to stop. A worker that loses the lock stops its scheduler at once,
and since jobs are stored in the database, the next leader continues where it left off.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler

from api.db.database import Database
from api.settings import Settings
from api.solves.execution import SolveExecution
from scheduler import jobs
from scheduler.leadership import LeaderLock
from scheduler.setup import build_scheduler, register_recurring_jobs

log = logging.getLogger(__name__)


class SchedulerWorker:
    """One per ``homeshore worker`` process."""

    def __init__(
        self,
        database: Database,
        settings: Settings,
        lock: LeaderLock,
        execution: SolveExecution,
        clock: Callable[[], datetime],
        name: str = "worker",
    ) -> None:
        self.database = database
        self.settings = settings
        self.name = name
        self._lock = lock
        self._execution = execution
        self._clock = clock
        self.scheduler: BackgroundScheduler | None = None

    @property
    def leading(self) -> bool:
        return self.scheduler is not None

    def step(self) -> bool:
        """Take or keep the lock and start or stop the scheduler to match; True if leading."""
        if self.scheduler is None:
            if self._lock.acquire():
                self._start_scheduler()
        elif not self._lock.renew():
            log.warning("%s lost the scheduler lock; stopping its scheduler", self.name)
            self._stop_scheduler()
        return self.leading

    def _start_scheduler(self) -> None:
        scheduler = build_scheduler(self.database.engine, self.settings)
        jobs.install(
            jobs.JobContext(self.database, self.settings, self._execution, self._clock, scheduler)
        )
        scheduler.start(paused=True)
        register_recurring_jobs(scheduler, self.settings)
        scheduler.resume()
        self.scheduler = scheduler
        log.info("%s holds the scheduler lock and runs the jobs", self.name)

    def _stop_scheduler(self) -> None:
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        jobs.install(None)

    def run(self, stop: threading.Event, beat_seconds: float) -> None:
        """Beat until ``stop`` is set, then stop the scheduler and release the lock."""
        try:
            while not stop.is_set():
                try:
                    self.step()
                except Exception:
                    log.exception("%s: leader check failed; retrying", self.name)
                stop.wait(beat_seconds)
        finally:
            self.close()

    def close(self) -> None:
        self._stop_scheduler()
        self._lock.release()
        self._execution.shutdown()
