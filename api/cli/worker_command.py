"""``homeshore worker``: run the background jobs (re-plans, publication, outbox, clean-up).

Start one or several (on other machines, for fail-over): each waits for the scheduler lock
in the database and only the holder runs the jobs. Stops cleanly on SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse

HELP = "Run the job scheduler (only one worker at a time runs jobs: a database lock decides)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--beat",
        type=float,
        default=None,
        help="Seconds between lock checks (default: a third of HOMESHORE_SCHEDULER_LEASE_SECONDS).",
    )
    parser.add_argument("--name", default=None, help="This worker's name in logs and the lease.")


def run(args: argparse.Namespace) -> int:
    import logging
    import os
    import signal
    import socket
    import threading

    from api.db.base import utc_now
    from api.db.database import Database
    from api.db.engine import make_engine
    from api.log_redaction import redact_root_handlers
    from api.settings import Settings
    from api.solves.execution import execution_for
    from scheduler.leadership import leader_lock_for
    from scheduler.worker import SchedulerWorker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    redact_root_handlers()
    settings = Settings()
    if args.beat is not None and args.beat <= 0:
        print(f"--beat must be positive, got {args.beat}")
        return 2
    beat = args.beat or settings.scheduler_lease_seconds / 3
    name = args.name or f"{socket.gethostname()}:{os.getpid()}"
    engine = make_engine(settings.database_url)
    database = Database(engine)
    worker = SchedulerWorker(
        database,
        settings,
        leader_lock_for(database, name, settings.scheduler_lease_seconds, utc_now),
        execution_for(database, settings),
        utc_now,
        name=name,
    )
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    print(f"worker {name} started; waiting for the scheduler lock", flush=True)
    try:
        worker.run(stop, beat)
    finally:
        engine.dispose()
    print(f"worker {name} stopped", flush=True)
    return 0
