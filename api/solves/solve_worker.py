"""The worker side of the celery backend: what ``homeshore solve-worker`` runs.

One worker process consumes the solve queue with ``concurrency`` task threads and executes
each run it claims in its own ``LocalExecution`` (the same spawned solver processes,
progress, heartbeat, limit-and-grace kill, cancellation and once-only recording as the
embedded default), with CP-SAT threads capped so the concurrent solves share the cores.

A task is the run id. The run row decides what happens (``api.solves.service.claim``):
- ``claimed``: execute it here and wait for the outcome, then acknowledge the message;
- ``ended``: a redelivered or late message, acknowledged without doing anything;
- ``busy``: another worker claimed it and beat recently. A message is only redelivered
  when its worker's connection dropped, so that worker is most likely dead: ask again
  once its heartbeat may be stale (a retry message), and take the run over then;
- ``exhausted``: its workers died ``1 + HOMESHORE_SOLVE_RETRIES`` times; it is failed.

Killed with SIGKILL, the process takes its solver processes with it (they watch their
parent) and RabbitMQ redelivers its unacknowledged messages to the other workers.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from api.db.base import utc_now
from api.db.database import Database
from api.settings import Settings
from api.solves import service
from api.solves.celery_execution import SOLVE_TASK, celery_app
from api.solves.execution import local_execution_for

log = logging.getLogger(__name__)


def solver_threads(settings: Settings, concurrency: int) -> int:
    """CP-SAT threads per solve: the setting, or this machine's cores shared by the solves."""
    return settings.worker_solver_threads or max(1, (os.cpu_count() or 1) // concurrency)


def run_worker(settings: Settings, database: Database, name: str, concurrency: int) -> int:
    """Consume the solve queue until SIGTERM/SIGINT (warm: running solves finish first)."""
    app = celery_app(settings)
    execution = local_execution_for(
        database, settings, concurrency, solver_threads(settings, concurrency)
    )
    takeover = settings.run_lease_seconds / 2
    max_attempts = 1 + settings.solve_retries

    @app.task(bind=True, name=SOLVE_TASK, acks_late=True, max_retries=None)  # type: ignore[untyped-decorator]
    def solve_run(task: Any, run_id: int) -> str:
        with database.session(write=True) as session:
            outcome = service.claim(session, run_id, name, utc_now(), takeover, max_attempts)
        log.info("solve run %s: %s", run_id, outcome)
        if outcome == "busy":
            raise task.retry(countdown=takeover / 2)
        if outcome == "claimed":
            execution.submit(run_id).result()
        return outcome

    worker = app.Worker(
        hostname=name,
        pool="threads",
        concurrency=concurrency,
        queues=[settings.solve_queue],
        loglevel="INFO",
        without_mingle=True,
        without_gossip=True,
        optimization="fair",
    )
    try:
        worker.start()
    finally:
        execution.shutdown()
    return int(worker.exitcode or 0)
