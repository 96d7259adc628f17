"""Solves on Celery workers through RabbitMQ: the submitting side of the celery backend.

With ``HOMESHORE_SOLVE_BACKEND=celery`` the API, the scheduler and the CLI hand a committed
run to the broker instead of a local pool: the message carries the run id only, on one
durable queue whose message priority puts a re-plan after an absence ahead of a manager's
solve, and both ahead of the nightly batch (RabbitMQ serves separate queues of one consumer
in turn, a priority queue strictly by priority). ``homeshore solve-worker`` processes
(``api.solves.solve_worker``) claim the run in the database, execute it and write progress
and outcome there; this side only watches the run rows to complete the caller's future.

Delivery is at least once (``acks_late``, prefetch 1, redelivery when a worker's connection
drops); the run row makes it exactly once in effect (see ``api.solves.service.claim``).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import Any

from celery import Celery
from kombu.entity import Exchange, Queue

from api.db.database import Database
from api.db.models.solve import ENDED_STATUSES
from api.settings import Settings
from api.solves import repository, service
from api.solves.execution import SolveExecution, Urgency

log = logging.getLogger(__name__)

SOLVE_TASK = "homeshore.solve_run"
MAX_PRIORITY = 9
PRIORITY: dict[Urgency, int] = {"replan": 9, "solve": 6, "nightly": 1}


def celery_app(settings: Settings) -> Celery:
    """The Celery application of both sides: broker, the one queue and delivery guarantees."""
    app = Celery("homeshore", broker=settings.broker_url.get_secret_value(), set_as_current=False)
    name = settings.solve_queue
    queue = Queue(  # type: ignore[no-untyped-call]
        name,
        Exchange(name, type="direct", durable=True),  # type: ignore[no-untyped-call]
        routing_key=name,
        durable=True,
        queue_arguments={"x-max-priority": MAX_PRIORITY},
    )
    app.conf.update(
        task_queues=[queue],
        task_default_queue=name,
        task_default_exchange=name,
        task_default_routing_key=name,
        task_default_priority=PRIORITY["solve"],
        task_queue_max_priority=MAX_PRIORITY,
        task_default_delivery_mode="persistent",
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=4,
    )
    return app


class CeleryExecution(SolveExecution):
    """Runs go to the broker; their futures complete when the run row has its outcome."""

    def __init__(self, database: Database, settings: Settings, poll_seconds: float = 0.5) -> None:
        super().__init__()
        self._database = database
        self._settings = settings
        self._poll = poll_seconds
        self.app = celery_app(settings)
        self._lock = threading.Lock()
        self._waiting: dict[int, Future[None]] = {}
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def submit(self, run_id: int, urgency: Urgency = "solve") -> Future[None]:
        done: Future[None] = Future()
        try:
            self.app.send_task(
                SOLVE_TASK,
                args=[run_id],
                queue=self._settings.solve_queue,
                priority=PRIORITY[urgency],
                retry=True,
                retry_policy={"max_retries": 3, "interval_start": 0.2, "interval_step": 0.5},
            )
        except Exception as exc:
            log.exception("could not queue solve run %s", run_id)
            with self._database.session(write=True) as session:
                service.record_failure(
                    session, run_id, f"could not queue: the broker did not take it ({exc})"
                )
            done.set_result(None)
            return done
        with self._lock:
            self._waiting[run_id] = done
            if self._watcher is None:
                self._watcher = threading.Thread(
                    target=self._watch, name="solve-watch", daemon=True
                )
                self._watcher.start()
        return done

    def shutdown(self) -> None:
        """Stop watching; the queued and running runs go on, on the workers."""
        self._stop_hand_over()
        self._stopping.set()
        if self._watcher is not None:
            self._watcher.join(timeout=10)

    def health(self) -> dict[str, Any]:
        """The broker's answer and the workers consuming this queue (names), for ``/health``."""
        try:
            with self.app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as exc:
            return {"solve_backend": "celery", "broker": f"unreachable ({exc})", "workers": []}
        queues = self.app.control.inspect(timeout=0.5).active_queues() or {}
        workers = sorted(
            worker
            for worker, consumed in queues.items()
            if any(q.get("name") == self._settings.solve_queue for q in consumed)
        )
        return {"solve_backend": "celery", "broker": "ok", "workers": workers}

    def _watch(self) -> None:
        while not self._stopping.wait(self._poll):
            with self._lock:
                run_ids = list(self._waiting)
            if not run_ids:
                continue
            try:
                with self._database.session() as session:
                    ended = repository.in_status(session, run_ids, ENDED_STATUSES)
            except Exception:
                log.exception("could not read the state of solve runs %s", run_ids)
                continue
            for run_id in ended:
                with self._lock:
                    done = self._waiting.pop(run_id, None)
                if done is not None:
                    done.set_result(None)
