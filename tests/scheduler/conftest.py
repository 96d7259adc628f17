"""Fixtures of the job tests: a fresh committed database per test (jobs open their own
sessions and solver processes), test settings, and the solve execution on that database."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from api.db.database import Database
from api.settings import Settings
from api.solves.execution import LocalExecution, SolveExecution
from tests.api.databases import fresh_database


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    with fresh_database(tmp_path) as (url, engine):
        yield url, Database(engine)


@pytest.fixture
def database(live: tuple[str, Database]) -> Database:
    return live[1]


@pytest.fixture
def job_settings() -> Settings:
    return Settings(
        environment="test",
        database_url="sqlite://",
        replan_time_limit_seconds=10,
        replan_grace_seconds=30,
        replan_debounce_seconds=60,
        replan_max_delay_seconds=300,
        replan_retry_seconds=600,
        publish_cutoff_hours=48,
        scheduler_lease_seconds=30,
    )


@pytest.fixture
def executor(database: Database) -> Iterator[SolveExecution]:
    """The one execution path, on this test's database (its solver process starts lazily)."""
    execution = LocalExecution(database, processes=1)
    yield execution
    execution.shutdown()


class Receiver:
    """What the local server saw, and how it answers: fail each key's first ``failures``."""

    def __init__(self, failures: int, status: int = 503) -> None:
        self.failures = failures
        self.status = status
        self.attempts: Counter[str] = Counter()
        self.accepted: list[dict[str, Any]] = []
        self.lock = threading.Lock()


@pytest.fixture
def receiver_server() -> Iterator[tuple[str, Receiver]]:
    state = Receiver(failures=1)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            key = self.headers["Idempotency-Key"]
            with state.lock:
                state.attempts[key] += 1
                ok = state.attempts[key] > state.failures
                if ok:
                    state.accepted.append(body)
            self.send_response(200 if ok else state.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/shifts", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
