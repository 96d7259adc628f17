"""What one availability request costs the database, and the service run as several processes.

The statement counts guard the load figures of docs/api-load.md: a submission used to read the
agent twice, its windows twice and the published version twice. No timings are asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from api.db.database import Database
from api.server import free_port
from tests.api import payloads
from tests.api.conftest import ClientFor, mint
from tests.api.databases import database_kind

_TRANSACTION_CONTROL = ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")


@contextmanager
def statements_of(engine: Engine) -> Iterator[list[str]]:
    """Every statement sent through ``engine`` in the block, less transaction control."""
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if not statement.lstrip().upper().startswith(_TRANSACTION_CONTROL):
            sent.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _window(day: int, hour: int) -> dict[str, str]:
    return {
        "start": f"2030-01-{day:02d}T{hour:02d}:00",
        "end": f"2030-01-{day:02d}T{hour + 2:02d}:00",
    }


def test_a_submission_reads_each_thing_once(
    period_id: int, client_for: ClientFor, engine: Engine
) -> None:
    agent = client_for("agent", "a1")
    path = f"/api/v1/periods/{period_id}/availability/a1"
    assert agent.post(path, json={"windows": [_window(7, 8)]}).status_code == 200
    with statements_of(engine) as sent:
        response = agent.post(path, json={"windows": [_window(8, 8)]})
    assert response.status_code == 200, response.text
    # key, agent (and its row lock on PostgreSQL), period, published version, stored windows,
    # site, queues; then the new window and the audit entry.
    expected = 10 if database_kind() == "postgresql" else 9
    assert len(sent) == expected, "\n".join(sent)

    with statements_of(engine) as sent:
        assert agent.get(path).status_code == 200
    # key, agent, period, windows, published version
    assert len(sent) == 5, "\n".join(sent)


def test_the_answer_to_a_change_is_what_a_read_then_finds(
    period_id: int, manager: TestClient
) -> None:
    path = f"/api/v1/periods/{period_id}/availability/a2"
    first = manager.post(path, json={"windows": [_window(9, 14)], "preferred": [_window(9, 14)]})
    assert first.status_code == 200, first.text
    added = manager.post(path, json={"windows": [_window(7, 8)], "preferred": [_window(7, 9)]})
    assert added.status_code == 200, added.text
    read = manager.get(path).json()
    answer = added.json()
    for field in ("windows", "preferred", "open", "closes_at", "time_zone"):
        assert answer[field] == read[field], field
    assert [w["start"] for w in answer["windows"]] == ["2030-01-07T08:00:00", "2030-01-09T14:00:00"]

    replaced = manager.put(path, json={"windows": [_window(10, 10)]})
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["windows"] == manager.get(path).json()["windows"]
    assert replaced.json()["preferred"] == []


@contextmanager
def served_by_processes(url: str, workers: int) -> Iterator[str]:
    """``api.server.serve`` with ``workers`` processes, as ``homeshore serve`` runs it."""
    port = free_port()
    env = {
        **os.environ,
        "HOMESHORE_DATABASE_URL": url,
        "HOMESHORE_ENVIRONMENT": "test",
        "HOMESHORE_SERVER_WORKERS": str(workers),
        "HOMESHORE_PORT": str(port),
    }
    env.pop("HOMESHORE_SESSION_SECRET", None)
    code = (
        "from api.server import serve; from api.settings import get_settings; serve(get_settings())"
    )
    process = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base_url}/health", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        time.sleep(1)  # the other processes finish starting
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_several_processes_share_one_port_and_the_session_secret(
    live_database: tuple[str, Database],
) -> None:
    """A cookie signed by the process that logged the user in opens pages in every process,
    though no session secret was configured (each would otherwise invent its own)."""
    url, database = live_database
    key = mint(database, "manager")
    with served_by_processes(url, workers=2) as base_url:
        login = httpx.post(f"{base_url}/login", data={"key": key}, follow_redirects=False)
        assert login.status_code == 303, login.text
        cookies = dict(login.cookies)
        for _ in range(24):  # a new connection each time: the processes take turns
            response = httpx.get(f"{base_url}/api/v1/me", cookies=cookies)
            assert response.status_code == 200, response.text
        site = httpx.post(
            f"{base_url}/api/v1/sites",
            json=payloads.site(),
            headers={"Authorization": f"Bearer {key}"},
        )
        assert site.status_code == 201, site.text
