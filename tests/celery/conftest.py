"""A celery deployment per test: the machine's RabbitMQ, a queue of the test's own, a fresh
database shared by processes, and real ``homeshore serve`` / ``solve-worker`` / ``worker``
subprocesses started on demand (all stopped after the test).

The queue name is new for every test and purged before use, so messages left by an earlier
run (a killed test, another checkout) never reach this test's workers; it is deleted after.
Without a broker the tests skip with the reason, unless HOMESHORE_REQUIRE_BROKER=1 (CI).
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx
import pytest
from kombu import Connection

from api.db.database import Database
from api.settings import Settings
from tests.api.conftest import mint
from tests.api.databases import fresh_database
from tests.scheduler.test_commands import Worker
from tests.scheduler.test_process_death import _free_port

BROKER_URL = os.environ.get("HOMESHORE_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
LEASE = 4  # seconds: heartbeats every second, a dead worker's run taken over after 2 s
T = TypeVar("T")


def poll(check: Callable[[], T], seconds: float, every: float = 0.1) -> T | None:
    """The first truthy value of ``check()`` within ``seconds`` (bounded), else None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    return None


def _broker_problem() -> str | None:
    try:
        with Connection(BROKER_URL, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return (
            f"RabbitMQ does not answer at {BROKER_URL} ({exc}); start it: rabbitmq-server -detached"
        )
    return None


@dataclass
class Deployment:
    """What one test runs: the environment of its processes, and the processes."""

    url: str
    database: Database
    queue: str
    env: dict[str, str]
    processes: list[Worker] = field(default_factory=list)

    def settings(self) -> Settings:
        """The same settings the subprocesses read, for the test's own submissions."""
        return Settings(
            environment="test",
            database_url=self.url,
            solve_backend="celery",
            broker_url=BROKER_URL,
            solve_queue=self.queue,
            run_lease_seconds=LEASE,
        )

    def solve_worker(self, name: str, concurrency: int = 1) -> Worker:
        worker = Worker(
            f"{name}@{self.queue}",
            self.env,
            ("solve-worker", "--name", f"{name}@{self.queue}", "--concurrency", str(concurrency)),
        )
        self.processes.append(worker)
        assert worker.wait_for(" ready", 60), f"solve worker {name} started: {worker.seen}"
        return worker

    def scheduler(self, name: str) -> Worker:
        worker = Worker(name, self.env)
        self.processes.append(worker)
        return worker

    def serve(self) -> httpx.Client:
        """``homeshore serve`` (celery backend) and a manager's client of it."""
        port = _free_port()
        env = {**self.env, "HOMESHORE_PORT": str(port), "HOMESHORE_HOST": "127.0.0.1"}
        server = Worker("server", env, ("serve",))
        self.processes.append(server)
        base = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{base}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        assert poll(up, 60, every=0.2), f"the server answers: {server.seen}"
        key = mint(self.database, "manager")
        return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=5)


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[Deployment]:
    problem = _broker_problem()
    if problem is not None:
        if os.environ.get("HOMESHORE_REQUIRE_BROKER") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    with fresh_database(tmp_path) as (url, engine):
        yield from _deployment(url, Database(engine))


def _deployment(url: str, database: Database) -> Iterator[Deployment]:
    queue = f"homeshore.test.{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "HOMESHORE_DATABASE_URL": url,
        "HOMESHORE_ENVIRONMENT": "test",
        "HOMESHORE_SOLVE_BACKEND": "celery",
        "HOMESHORE_BROKER_URL": BROKER_URL,
        "HOMESHORE_SOLVE_QUEUE": queue,
        "HOMESHORE_RUN_LEASE_SECONDS": str(LEASE),
        "HOMESHORE_SCHEDULER_LEASE_SECONDS": "3",
        "HOMESHORE_ABSENCE_WATCH_SECONDS": "0.2",
        "HOMESHORE_REPLAN_DEBOUNCE_SECONDS": "0.1",
        "HOMESHORE_REPLAN_TIME_LIMIT_SECONDS": "3",
        "HOMESHORE_SOLVER_NICENESS": "0",
        "HOMESHORE_WORKER_SOLVER_THREADS": "1",
    }
    with Connection(BROKER_URL) as connection:
        channel = connection.default_channel
        channel.queue_declare(
            queue, durable=True, auto_delete=False, arguments={"x-max-priority": 9}
        )
        channel.queue_purge(queue)
    here = Deployment(url, database, queue, env)
    try:
        yield here
    finally:
        for process in here.processes:
            if process.process.poll() is None:
                process.process.kill()
            process.process.wait(timeout=30)
        with Connection(BROKER_URL) as connection:
            connection.default_channel.queue_delete(queue)
            connection.default_channel.exchange_delete(queue)
