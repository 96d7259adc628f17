"""Latency of the caller notice on loopback, as the telephony system sees it.

A generated week of ``--agents`` agents (``bench.generator``: three queues, agents in
several countries) is loaded into a fresh SQLite database, solved by the real solver,
verified and published (``bench.replan_latency.publish_base``). The server runs in a child
process (``api.server.serve``, what ``homeshore serve`` runs) and a telephony key asks, one
request at a time over a kept-alive connection, for the notice of a random queue at a random
instant of the week (``GET /queues/{id}/caller-notice?at=``), then for day tables
(``/caller-notice/day``). The first request after publication counts the week's table; the
others read it from memory. Printed: that first request, then p50, p95, p99 and max.

Run: ``.venv/bin/python -m bench.caller_notice_latency [--agents 300] [--requests 2000]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from api.auth.service import create_key
from api.db.database import Database
from api.db.engine import make_engine
from api.db.migrate import upgrade
from api.solves.execution import SolveExecution
from bench.api_load import server
from bench.generator import FIRST_DAY, QUEUES
from bench.replan_latency import publish_base

TARGET_P95_MS = 10.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _timed(client: httpx.Client, url: str, params: dict[str, str]) -> float:
    started = time.perf_counter()
    response = client.get(url, params=params)
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return elapsed


def _line(label: str, values: list[float]) -> str:
    return (
        f"{label:<12} n={len(values):>5}  p50 {statistics.median(values):6.2f} ms  "
        f"p95 {_percentile(values, 0.95):6.2f} ms  p99 {_percentile(values, 0.99):6.2f} ms  "
        f"max {max(values):6.2f} ms"
    )


def run(agents: int, requests: int, time_limit: float, seed: int) -> float:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        database = Database(engine)
        executor = SolveExecution(database, processes=1)
        try:
            _period, solve_seconds, coverage = publish_base(database, executor, agents, time_limit)
        finally:
            executor.shutdown()
        with database.session(write=True) as session:
            _key, secret = create_key(session, "telephony", label="bench")
        engine.dispose()
        print(
            f"published week: {agents} agents, solved in {solve_seconds:.1f} s, "
            f"coverage {coverage:.1f} %"
        )
        week_start = datetime.combine(FIRST_DAY, datetime.min.time(), tzinfo=UTC)
        with server(url, workers=1) as (base_url, _pid):
            headers = {"Authorization": f"Bearer {secret}"}
            with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:

                def notice_params() -> tuple[str, dict[str, str]]:
                    queue = rng.choice(QUEUES).id
                    at = week_start + timedelta(seconds=rng.randrange(7 * 86400))
                    return f"/api/v1/queues/{queue}/caller-notice", {"at": at.isoformat()}

                first = _timed(client, *notice_params())
                print(f"first request (counts the week's table): {first:.1f} ms")
                for _ in range(50):  # warm the connection and the server's code paths
                    _timed(client, *notice_params())
                at_instant = [_timed(client, *notice_params()) for _ in range(requests)]
                days = []
                for _ in range(max(50, requests // 10)):
                    queue = rng.choice(QUEUES).id
                    day = FIRST_DAY + timedelta(days=rng.randrange(7))
                    days.append(
                        _timed(
                            client,
                            f"/api/v1/queues/{queue}/caller-notice/day",
                            {"date": day.isoformat()},
                        )
                    )
        print(_line("?at=", at_instant))
        print(_line("/day", days))
        p95 = _percentile(at_instant, 0.95)
        verdict = "met" if p95 < TARGET_P95_MS else "NOT met"
        print(f"target p95 < {TARGET_P95_MS:g} ms for ?at=: {verdict} ({p95:.2f} ms)")
        return p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--agents", type=int, default=300)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--time-limit", type=float, default=30.0, help="Base solve, s.")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    run(args.agents, args.requests, args.time_limit, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
