"""Run the app with uvicorn in a background thread on loopback (tests and the load bench)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from api.log_redaction import logging_config


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
