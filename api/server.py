"""Running the app with uvicorn: ``serve`` for ``homeshore serve`` (one or several
processes), ``serve_in_thread`` on loopback for tests.

Several processes share one listening socket (uvicorn's supervisor forks them and restarts
one that dies); each builds its own app, engine and solve execution from the environment
through the ``create_app`` factory. Runs stay coordinated through the database (claims and
heartbeats), so it does not matter which process accepted a solve.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from api.log_redaction import logging_config
from api.settings import Settings

APP_FACTORY = "api.app:create_app"
SESSION_SECRET_VARIABLE = "HOMESHORE_SESSION_SECRET"


def serve(
    settings: Settings,
    workers: int | None = None,
    host: str | None = None,
    port: int | None = None,
    log_level: str = "info",
) -> None:
    """Serve the API until interrupted: ``workers`` processes (default
    ``settings.server_workers``) on ``host``:``port`` (default the settings').

    With one process the app is built here from ``settings``. With several, each process
    reads its settings from the environment as this one did; the session secret is the only
    value the settings may invent (a random one outside production), so it is put into the
    environment first, or a cookie signed by one process would be refused by the others.
    """
    workers = workers or settings.server_workers
    options = {
        "host": host or settings.host,
        "port": port or settings.port,
        "log_level": log_level,
        "log_config": logging_config(log_level),
    }
    if workers == 1:
        from api.app import create_app

        uvicorn.run(create_app(settings), **options)  # type: ignore[arg-type]
        return
    if settings.session_secret is not None and not os.environ.get(SESSION_SECRET_VARIABLE):
        os.environ[SESSION_SECRET_VARIABLE] = settings.session_secret.get_secret_value()
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, **options)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serve_in_thread(
    app: FastAPI, startup_timeout: float = 30.0, log_level: str = "warning"
) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 until the block ends; yields the base URL.

    Logs go through the same redacting configuration as ``homeshore serve``.
    """
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level=log_level,
        log_config=logging_config(log_level),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="homeshore-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
