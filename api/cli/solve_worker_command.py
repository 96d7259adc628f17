"""``homeshore solve-worker``: execute solves from the broker (HOMESHORE_SOLVE_BACKEND=celery).

Start any number, on any machine that reaches the database and the broker; each claims runs
in the database and writes their progress and outcome there. Stops on SIGTERM or SIGINT
after its running solves end (a second signal stops at once; their runs are retried).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

HELP = "Execute solves taken from the broker (HOMESHORE_SOLVE_BACKEND=celery deployments)."


def register(app: typer.Typer) -> None:
    app.command("solve-worker", help=HELP)(solve_worker)


def solve_worker(
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Solves at once (default HOMESHORE_WORKER_CONCURRENCY)."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(help="This worker's name in the broker and on runs (default solve-PID@host)."),
    ] = None,
) -> int:
    import logging
    import os
    import socket

    from api.db.database import Database
    from api.db.engine import make_engine
    from api.log_redaction import redact_root_handlers
    from api.settings import Settings
    from api.solves.solve_worker import run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    redact_root_handlers()
    settings = Settings()
    if settings.solve_backend != "celery":
        print(
            "homeshore solve-worker: HOMESHORE_SOLVE_BACKEND is 'local', so the server and the "
            "scheduler solve in their own processes and send nothing to workers; set it to "
            "'celery' (and HOMESHORE_BROKER_URL) everywhere first",
            file=sys.stderr,
        )
        return 2
    name = name or f"solve-{os.getpid()}@{socket.gethostname()}"
    engine = make_engine(settings.database_url)
    try:
        print(f"solve worker {name} started on queue {settings.solve_queue}", flush=True)
        return run_worker(
            settings, Database(engine), name, concurrency or settings.worker_concurrency
        )
    finally:
        engine.dispose()
