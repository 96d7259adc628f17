"""Availability submissions per second and latency percentiles, over loopback HTTP.

Starts ``homeshore serve`` in a child process on a fresh database (a temporary SQLite file,
or a throw-away schema on the PostgreSQL server named by ``--database-url``), sets up one
site with ``--agents`` agents, then ``--threads`` clients each submit one-window
availability for random agents until ``--submissions`` are done or ``--seconds`` pass.
Bounded in count and time; loopback only. Prints the figures and the database used.

    python -m bench.api_load                       # SQLite
    python -m bench.api_load --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from api.auth.service import create_key
from api.db.database import Database
from api.db.engine import make_engine
from api.db.migrate import upgrade
from api.server import free_port

FIRST_DAY = "2030-01-07"


@contextmanager
def fresh_database(url: str | None) -> Iterator[str]:
    """A migrated empty database; yields its URL (dropped afterwards)."""
    if not url:
        with tempfile.TemporaryDirectory() as directory:
            sqlite_url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
            engine = make_engine(sqlite_url)
            upgrade(engine)
            engine.dispose()
            yield sqlite_url
        return
    schema = f"hs_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    scoped = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    try:
        engine = make_engine(scoped)
        upgrade(engine)
        engine.dispose()
        yield scoped
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@contextmanager
def server(url: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "HOMESHORE_DATABASE_URL": url, "HOMESHORE_ENVIRONMENT": "test"}
    command = [sys.executable, "-m", "api.cli.main", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base_url}/openapi.json", timeout=1)
                break
            except httpx.TransportError as exc:
                if process.poll() is not None:
                    log = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"homeshore serve exited:\n{log}") from exc
                time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


def set_up(base_url: str, url: str, agents: int) -> tuple[int, list[tuple[str, str]]]:
    engine = make_engine(url)
    database = Database(engine)
    with database.session(write=True) as session:
        _key, manager_key = create_key(session, "manager", label="bench")
    manager = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {manager_key}"})
    site = {
        "id": "bench",
        "time_zone": "Europe/Paris",
        "opening_hours": [{"weekdays": [0, 1, 2, 3, 4, 5, 6], "open": "00:00", "close": "00:00"}],
    }
    manager.post("/api/v1/sites", json=site).raise_for_status()
    manager.post("/api/v1/sites/bench/queues", json={"id": "q", "skill": "s"}).raise_for_status()
    ids = [f"agent-{i:04d}" for i in range(agents)]
    for agent_id in ids:
        body = {
            "id": agent_id,
            "site_id": "bench",
            "time_zone": "Europe/Paris",
            "country": "FR",
            "skills": ["s"],
            "hourly_cost": 15,
            "contract": {"max_hours_per_week": 35},
        }
        manager.post("/api/v1/agents", json=body).raise_for_status()
    period = manager.post("/api/v1/sites/bench/periods", json={"first_day": FIRST_DAY, "days": 28})
    period.raise_for_status()
    keys = []
    with database.session(write=True) as session:
        for agent_id in ids:
            keys.append((agent_id, create_key(session, "agent", agent_id)[1]))
    engine.dispose()
    return int(period.json()["id"]), keys


def load(
    base_url: str,
    period_id: int,
    keys: list[tuple[str, str]],
    threads: int,
    submissions: int,
    seconds: float,
) -> tuple[list[float], dict[int, int], float]:
    counters = {agent_id: itertools.count() for agent_id, _ in keys}
    tickets = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + seconds

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base_url, timeout=60) as client:
            while time.monotonic() < deadline:
                with lock:
                    if next(tickets) >= submissions:
                        return
                    agent_id, secret = rng.choice(keys)
                    n = next(counters[agent_id])
                day, half_hour = divmod(n, 48)
                start = f"2030-01-{7 + day:02d}T{half_hour // 2:02d}:{30 * (half_hour % 2):02d}"
                end_minutes = half_hour * 30 + 30
                end_day = 7 + day + end_minutes // 1440
                end_minutes %= 1440
                end = f"2030-01-{end_day:02d}T{end_minutes // 60:02d}:{end_minutes % 60:02d}"
                began = time.perf_counter()
                response = client.post(
                    f"/api/v1/periods/{period_id}/availability/{agent_id}",
                    json={"windows": [{"start": start, "end": end}]},
                    headers={"Authorization": f"Bearer {secret}"},
                )
                took = time.perf_counter() - began
                with lock:
                    latencies.append(took)
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return latencies, statuses, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("HOMESHORE_BENCH_DATABASE_URL"))
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0, help="Upper bound on the run.")
    args = parser.parse_args(argv)
    if args.submissions > 100_000 or args.seconds > 600 or args.threads > 64:
        parser.error("bounded: at most 100000 submissions, 600 s and 64 threads")
    with fresh_database(args.database_url) as url, server(url) as base_url:
        database = make_engine(url).dialect.name
        period_id, keys = set_up(base_url, url, args.agents)
        latencies, statuses, elapsed = load(
            base_url, period_id, keys, args.threads, args.submissions, args.seconds
        )
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] if ordered else float("nan")
    ok = statuses.get(200, 0)
    where = "temporary file" if database == "sqlite" else "throw-away schema on the server"
    print(f"database          {database} ({where})")
    print("server            homeshore serve (1 uvicorn process) on loopback")
    print(f"clients           {args.threads} threads, {args.agents} agents")
    print(f"submissions       {len(latencies)} sent, {ok} accepted, statuses {statuses}")
    print(f"throughput        {ok / elapsed:.1f} accepted submissions/s over {elapsed:.1f} s")
    if ordered:
        print(
            f"latency           p50 {statistics.median(ordered) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"
        )
    return 0 if ok == len(latencies) else 1


if __name__ == "__main__":
    sys.exit(main())
