"""Makespan of a batch of site-week solves on Celery workers: one worker process, then two.

A fresh SQLite database gets the demo week (150 agents, fixtures/demo-week/problem.json);
eight solve runs of it (20 s time limit each) are submitted at once through the one
execution (``CeleryExecution``, the celery backend) to the machine's RabbitMQ, on a queue
of this run's own, while ``homeshore solve-worker`` processes execute them: first one
worker, then two, each of concurrency 1 with the machine's cores shared among the workers
(HOMESHORE_WORKER_SOLVER_THREADS). Printed: the makespan (first submission to last stored
outcome) of each round, the verified rosters, and the ratio of the two makespans.

Run: ``.venv/bin/python -m bench.celery_makespan [--solves 8] [--time-limit 20]``
(or ``make bench-celery``); about 4 minutes. It needs RabbitMQ on HOMESHORE_BROKER_URL
(default amqp://guest:guest@127.0.0.1:5672//).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from kombu import Connection
from sqlalchemy import func, select

from api.db.database import Database
from api.db.engine import make_engine
from api.db.migrate import upgrade
from api.db.models import PlanningPeriod, Roster
from api.imports.service import import_problem
from api.settings import Settings
from api.solves.celery_execution import CeleryExecution
from api.solves.service import new_run
from api.solves.snapshot import build_problem
from solver.problem import Problem
from solver.result import SolveSettings

DEMO_WEEK = Path(__file__).resolve().parent.parent / "fixtures" / "demo-week" / "problem.json"
HOMESHORE = Path(sys.executable).parent / "homeshore"


def _round(
    database: Database, settings: Settings, env: dict[str, str], workers: int, solves: int
) -> tuple[float, int]:
    """Start ``workers`` solve workers, run ``solves`` runs; (makespan s, verified rosters)."""
    threads = max(1, (os.cpu_count() or 1) // workers)
    worker_env = {**env, "HOMESHORE_WORKER_SOLVER_THREADS": str(threads)}
    processes = [
        subprocess.Popen(
            [str(HOMESHORE), "solve-worker", "--name", f"bench-{i}@{settings.solve_queue}"],
            env=worker_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i in range(workers)
    ]
    execution = CeleryExecution(database, settings)
    try:
        deadline = time.monotonic() + 60
        while len(execution.health()["workers"]) < workers and time.monotonic() < deadline:
            time.sleep(0.5)
        run_settings = SolveSettings(time_limit_seconds=settings.solve_time_limit_seconds)
        with database.session(write=True) as session:
            period_id = session.scalars(select(PlanningPeriod.id)).one()
            snapshot = build_problem(session, period_id).model_dump(mode="json")
            run_ids = [
                new_run(session, period_id, snapshot, run_settings).id for _ in range(solves)
            ]
        started = time.monotonic()
        for done in [execution.submit(run_id, "nightly") for run_id in run_ids]:
            done.result()
        makespan = time.monotonic() - started
        with database.session() as session:
            verified = session.scalar(
                select(func.count())
                .select_from(Roster)
                .where(Roster.solve_run_id.in_(run_ids), Roster.verified_ok.is_(True))
            )
        return makespan, int(verified or 0)
    finally:
        execution.shutdown()
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solves", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=20.0)
    args = parser.parse_args()
    broker = os.environ.get("HOMESHORE_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
    queue = f"homeshore.bench.{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{directory}/bench.sqlite3"
        engine = make_engine(url)
        upgrade(engine)
        database = Database(engine)
        problem = Problem.model_validate_json(DEMO_WEEK.read_text())
        with database.session(write=True) as session:
            import_problem(session, problem)
        env = {
            **os.environ,
            "HOMESHORE_DATABASE_URL": url,
            "HOMESHORE_SOLVE_BACKEND": "celery",
            "HOMESHORE_BROKER_URL": broker,
            "HOMESHORE_SOLVE_QUEUE": queue,
            "HOMESHORE_SOLVER_NICENESS": "0",
        }
        settings = Settings(
            database_url=url,
            solve_backend="celery",
            broker_url=broker,
            solve_queue=queue,
            solve_time_limit_seconds=args.time_limit,
        )
        print(
            f"{args.solves} solves of the demo week ({len(problem.agents)} agents), "
            f"{args.time_limit:g} s each, {os.cpu_count()} cores, queue {queue}"
        )
        print("workers  makespan_s  verified")
        figures = {}
        try:
            for workers in (1, 2):
                makespan, verified = _round(database, settings, env, workers, args.solves)
                figures[workers] = makespan
                print(f"{workers:>7}  {makespan:>10.1f}  {verified:>5}/{args.solves}", flush=True)
        finally:
            with Connection(broker) as connection:
                connection.default_channel.queue_delete(queue)
                connection.default_channel.exchange_delete(queue)
            engine.dispose()
        print(f"ratio 1 worker / 2 workers: {figures[1] / figures[2]:.2f}")


if __name__ == "__main__":
    main()
