"""Availability submissions and reads per second, with latency percentiles, over loopback HTTP.

For each database (a temporary SQLite file served by one process; a throw-away schema on
the PostgreSQL server served by ``--workers`` processes, the production set-up) it starts the
server in a child process through ``api.server.serve``, sets up one site with ``--agents``
agents and their keys, then drives the load from another process, ``wrk`` (2 threads, 8
connections, a generated Lua script): ``--seconds`` of one-window availability submissions
for a fresh period, then ``--seconds`` of agents reading their availability, ``--runs`` times.
It prints accepted submissions/s, p50/p95 latency and reads/s, the median and the worst run.
Bounded in time; loopback only.

    python -m bench.api_load                              # both databases
    python -m bench.api_load --databases sqlite --seconds 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

from api.auth.service import create_key
from api.db.database import Database
from api.db.engine import make_engine
from api.db.migrate import upgrade
from api.server import free_port
from bench.api_site import set_up_site

FIRST_DAY = "2030-01-07"
LOCAL_POSTGRESQL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
WRK_THREADS = 2
WRK_CONNECTIONS = 8


def window_body(n: int) -> dict[str, list[dict[str, str]]]:
    """The ``n``-th submission of one agent: the ``n``-th half hour from the first day."""
    day, half_hour = divmod(n, 48)
    start = f"2030-01-{7 + day:02d}T{half_hour // 2:02d}:{30 * (half_hour % 2):02d}"
    end_minutes = half_hour * 30 + 30
    end_day = 7 + day + end_minutes // 1440
    end_minutes %= 1440
    end = f"2030-01-{end_day:02d}T{end_minutes // 60:02d}:{end_minutes % 60:02d}"
    return {"windows": [{"start": start, "end": end}]}


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
def server(url: str, workers: int) -> Iterator[tuple[str, int]]:
    """``api.server.serve`` in a child process (what ``homeshore serve`` runs), until the
    block ends; yields the base URL and the process id once it answers."""
    port = free_port()
    env = {
        **os.environ,
        "HOMESHORE_DATABASE_URL": url,
        "HOMESHORE_ENVIRONMENT": "test",
        "HOMESHORE_SERVER_WORKERS": str(workers),
        "HOMESHORE_HOST": "127.0.0.1",
        "HOMESHORE_PORT": str(port),
    }
    code = (
        "from api.server import serve; from api.settings import get_settings; serve(get_settings())"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(f"{base_url}/health", timeout=1).raise_for_status()
                break
            except httpx.HTTPError as exc:
                if process.poll() is not None:
                    log = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"the server exited:\n{log}") from exc
                time.sleep(0.1)
        yield base_url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)


def server_cpu_seconds(pid: int) -> float:
    """CPU time the server's processes (the supervisor and its workers) have used so far."""
    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


@dataclass(frozen=True)
class Bench:
    """A served database with one site, its agents' keys, and a manager to add periods."""

    base_url: str
    manager: httpx.Client
    keys: list[tuple[str, str]]
    server_pid: int

    def new_period(self, offset_days: int) -> int:
        """A fresh 28-day period, so every run starts from agents without windows."""
        first = f"2030-{1 + offset_days // 28:02d}-07"
        response = self.manager.post(
            "/api/v1/sites/bench/periods", json={"first_day": first, "days": 28}
        )
        response.raise_for_status()
        return int(response.json()["id"])


def set_up(base_url: str, server_pid: int, url: str, agents: int) -> Bench:
    engine = make_engine(url)
    database = Database(engine)
    with database.session(write=True) as session:
        _key, manager_key = create_key(session, "manager", label="bench")
    manager = httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {manager_key}"}, timeout=60
    )
    ids = set_up_site(manager, {}, agents)
    keys = []
    with database.session(write=True) as session:
        for agent_id in ids:
            keys.append((agent_id, create_key(session, "agent", agent_id)[1]))
    engine.dispose()
    return Bench(base_url, manager, keys, server_pid)


WRK_SCRIPT = """
local agents = {%(agents)s}
local period = %(period)d
local mode = "%(mode)s"
local nthreads = %(threads)d
local started = 0
local n = 0

function setup(thread)
  thread:set("tid", started)
  started = started + 1
end

-- agent k of this thread's share, and the w-th half hour from the first day for it
local function window(w)
  local day, half = math.floor(w / 48), w %% 48
  local start = string.format(
    "2030-%(month)s-%%02dT%%02d:%%02d", 7 + day, math.floor(half / 2), 30 * (half %% 2))
  local finish = half * 30 + 30
  local finish_day = 7 + day + math.floor(finish / 1440)
  finish = finish %% 1440
  local stop = string.format(
    "2030-%(month)s-%%02dT%%02d:%%02d", finish_day, math.floor(finish / 60), finish %% 60)
  return '{"windows": [{"start": "' .. start .. '", "end": "' .. stop .. '"}]}'
end

function request()
  local share = math.floor(#agents / nthreads)
  local k = n
  n = n + 1
  local agent = agents[tid + nthreads * (k %% share) + 1]
  local path = "/api/v1/periods/" .. period .. "/availability/" .. agent[1]
  local headers = {["Authorization"] = "Bearer " .. agent[2], ["Content-Type"] = "application/json"}
  if mode == "get" then
    return wrk.format("GET", path, headers)
  end
  return wrk.format("POST", path, headers, window(math.floor(k / share)))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "refused": %%d, "failed": %%d, '
    .. '"p50_ms": %%f, "p95_ms": %%f, "max_ms": %%f}\\n',
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000))
end
"""


@dataclass(frozen=True)
class Run:
    per_second: float
    p50_ms: float
    p95_ms: float
    refused: int
    cpu_ms: float
    """Server CPU time per answered request (all its processes), whatever else the machine runs."""


def wrk(bench: Bench, period_id: int, month: str, mode: str, seconds: float) -> Run:
    """One bounded wrk run; ``refused`` counts answers other than 2xx and failed sockets."""
    agents = ", ".join(f'{{"{agent_id}", "{secret}"}}' for agent_id, secret in bench.keys)
    script = WRK_SCRIPT % {
        "agents": agents,
        "period": period_id,
        "mode": mode,
        "threads": WRK_THREADS,
        "month": month,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        command = [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{WRK_CONNECTIONS}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            file.name,
            bench.base_url,
        ]
        cpu_before = server_cpu_seconds(bench.server_pid)
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 60, check=True
        )
    cpu = server_cpu_seconds(bench.server_pid) - cpu_before
    figures = json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])
    refused = int(figures["refused"]) + int(figures["failed"])
    accepted = int(figures["requests"]) - refused
    return Run(
        accepted / figures["seconds"],
        figures["p50_ms"],
        figures["p95_ms"],
        refused,
        1000 * cpu / max(1, int(figures["requests"])),
    )


def measure(
    url: str, workers: int, agents: int, runs: int, seconds: float
) -> tuple[list[Run], list[Run]]:
    """Submission runs and read runs against one served database."""
    with server(url, workers) as (base_url, pid):
        bench = set_up(base_url, pid, url, agents)
        wrk(bench, bench.new_period(0), "01", "post", 2)  # warm-up: every process, every cache
        posts, gets = [], []
        for run in range(runs):
            offset = 28 * (run + 1)
            period_id = bench.new_period(offset)
            month = f"{1 + offset // 28:02d}"
            posts.append(wrk(bench, period_id, month, "post", seconds))
            gets.append(wrk(bench, period_id, month, "get", seconds))
        bench.manager.close()
    return posts, gets


def summary(label: str, runs: list[Run], higher_is_better: bool = True) -> str:
    rates = [r.per_second for r in runs]
    worst_rate = min(rates) if higher_is_better else max(rates)
    return (
        f"{label:<12} {statistics.median(rates):8.0f}/s median, {worst_rate:8.0f}/s worst; "
        f"p50 {statistics.median(r.p50_ms for r in runs):6.1f} ms, "
        f"p95 {statistics.median(r.p95_ms for r in runs):6.1f} ms median, "
        f"{max(r.p95_ms for r in runs):6.1f} ms worst; "
        f"server CPU {statistics.median(r.cpu_ms for r in runs):.1f} ms a request; "
        f"refused {sum(r.refused for r in runs)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--postgresql-url", default=os.environ.get("HOMESHORE_BENCH_DATABASE_URL", LOCAL_POSTGRESQL)
    )
    parser.add_argument("--workers", type=int, default=3, help="Server processes on PostgreSQL.")
    parser.add_argument("--agents", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0, help="Length of each run.")
    args = parser.parse_args(argv)
    if args.seconds > 120 or args.runs > 10 or args.workers > 16 or args.agents > 5000:
        parser.error("bounded: at most 120 s a run, 10 runs, 16 workers and 5000 agents")
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (Debian: apt-get install -y wrk)")
    kinds = args.databases.split(",")
    if not set(kinds) <= {"sqlite", "postgresql"}:
        parser.error("--databases: a comma-separated list of sqlite and postgresql")
    clean = True
    for kind in kinds:
        url = args.postgresql_url if kind == "postgresql" else None
        workers = args.workers if kind == "postgresql" else 1
        with fresh_database(url) as scoped:
            posts, gets = measure(scoped, workers, args.agents, args.runs, args.seconds)
        print(
            f"{kind}: {workers} server process(es), wrk {WRK_THREADS} threads "
            f"{WRK_CONNECTIONS} connections, {args.agents} agents, "
            f"{args.runs} runs of {args.seconds:g} s each"
        )
        print("  " + summary("submissions", posts))
        print("  " + summary("reads", gets))
        clean = clean and all(r.refused == 0 for r in posts + gets)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
