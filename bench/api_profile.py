"""Where an availability submission's time goes: SQL statements per request, and a profile.

Runs the app in this process (no HTTP server, so the profile holds only our code and the
framework) on a fresh database set up as ``bench.api_load`` does, counts the statements each
kind of request sends (SQLAlchemy's ``before_cursor_execute`` event), then profiles
``--requests`` submissions with cProfile and prints the functions that take the most time.

    python -m bench.api_profile [--database-url URL] [--requests 300] [--top 30]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections import Counter
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.auth.service import authenticate, create_key
from api.availability.schemas import AvailabilitySubmission
from api.availability.service import submit
from api.db.database import Database
from api.db.engine import make_engine
from api.settings import Settings
from bench.api_load import FIRST_DAY, fresh_database, window_body
from bench.api_site import set_up_site

AGENTS = 41
"""One agent for the statement counts, the others take the profiled submissions in turn, so
each holds a handful of windows, as in ``bench.api_load``."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("HOMESHORE_BENCH_DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    with fresh_database(args.database_url) as url:
        engine = make_engine(url)
        database = Database(engine)
        settings = Settings(environment="test", database_url=url)
        statements: list[str] = []

        def note(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
            statements.append(" ".join(statement.split())[:110])

        with TestClient(create_app(settings, database)) as client:
            period_id, keys = _set_up(client, database, AGENTS)
            agent_id, secret = keys[0]
            headers = {"Authorization": f"Bearer {secret}"}
            path = f"/api/v1/periods/{period_id}/availability/{agent_id}"
            from sqlalchemy import event

            event.listen(engine, "before_cursor_execute", note)
            for label, send in (
                (
                    "POST availability",
                    lambda n: client.post(path, json=window_body(n), headers=headers),
                ),
                ("GET availability", lambda _n: client.get(path, headers=headers)),
                ("GET me", lambda _n: client.get("/api/v1/me", headers=headers)),
            ):
                statements.clear()
                response = send(0 if label.startswith("POST") else 1)
                assert response.status_code == 200, response.text
                print(f"{label}: {len(statements)} statements")
                for text, count in Counter(statements).items():
                    print(f"    {count} x {text}")
            event.remove(engine, "before_cursor_execute", note)

            http_began = time.perf_counter()
            for n in range(args.requests):
                agent_id, secret = keys[1 + n % (AGENTS - 1)]
                client.post(
                    f"/api/v1/periods/{period_id}/availability/{agent_id}",
                    json=window_body(n // (AGENTS - 1)),
                    headers={"Authorization": f"Bearer {secret}"},
                ).raise_for_status()
            http_each = (time.perf_counter() - http_began) / args.requests
            profile = cProfile.Profile()
            began = time.perf_counter()
            profile.enable()
            for n in range(args.requests, 2 * args.requests):
                agent_id, secret = keys[1 + n % (AGENTS - 1)]
                _submit_in_thread(
                    database, settings, secret, period_id, agent_id, n // (AGENTS - 1)
                )
            profile.disable()
            took = (time.perf_counter() - began) / args.requests
        engine.dispose()
    print(
        f"\n{engine.dialect.name}: {http_each * 1000:.2f} ms per submission through the app "
        f"(TestClient), {took * 1000:.2f} ms per submission in the use case alone (profiled)"
    )
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
    print(out.getvalue())
    return 0


def _submit_in_thread(
    database: Database, settings: Settings, secret: str, period_id: int, agent_id: str, n: int
) -> None:
    """What the route does, without the framework: authenticate, then the use case."""
    body = AvailabilitySubmission.model_validate(window_body(n))
    with database.session(write=True) as session:
        user = authenticate(session, secret)
        submit(session, user, settings, period_id, agent_id, body, replace=False)


def _set_up(
    client: TestClient, database: Database, agents: int
) -> tuple[int, list[tuple[str, str]]]:
    with database.session(write=True) as session:
        _key, manager_key = create_key(session, "manager", label="profile")
    headers = {"Authorization": f"Bearer {manager_key}"}
    ids = set_up_site(client, headers, agents)
    period = client.post(
        "/api/v1/sites/bench/periods", json={"first_day": FIRST_DAY, "days": 28}, headers=headers
    )
    period.raise_for_status()
    with database.session(write=True) as session:
        keys = [(agent_id, create_key(session, "agent", agent_id)[1]) for agent_id in ids]
    return int(period.json()["id"]), keys


if __name__ == "__main__":
    sys.exit(main())
