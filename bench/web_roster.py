"""How long the roster page (Gantt, 50 agents a page) takes with many agents.

Loads a problem into a fresh SQLite database (the demo week, or a generated instance with
``--agents``), solves it in-process to a first roster, publishes it, serves the app on
loopback, logs in as a manager and times ``GET /manage/periods/{id}/roster`` for the first,
middle and last pages and a queue filter. Prints the median of ``--repeat`` requests and the
page size. Loopback only; the database is a temporary file.

    python -m bench.web_roster                  # fixtures/demo-week/problem.json
    python -m bench.web_roster --agents 3000    # bench.generator.generate(3000, 1)
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from api.app import create_app
from api.auth.keys import Principal
from api.auth.service import create_key
from api.db.database import Database
from api.db.engine import make_engine
from api.db.migrate import upgrade
from api.db.models import Roster
from api.imports.service import import_problem, site_id_for
from api.periods import repository as periods
from api.rosters import service as rosters
from api.server import serve_in_thread
from api.settings import Settings
from api.solves import service as solves
from api.solves.schemas import SolveRequest
from bench.generator import generate
from solver.problem import Problem
from solver.result import SolveSettings
from solver.solve import solve

DEMO_WEEK = Path(__file__).resolve().parents[1] / "fixtures" / "demo-week" / "problem.json"


def load_problem(agents: int | None) -> Problem:
    if agents is None:
        return Problem.model_validate_json(DEMO_WEEK.read_bytes())
    return generate(agents, 1)


def publish_first_roster(
    database: Database, problem: Problem, time_limit: float
) -> tuple[int, str, int]:
    """Import, solve to a first roster, publish; (period id, manager key, shift count)."""
    with database.session(write=True) as session:
        import_problem(session, problem)
        key, secret = create_key(session, "manager", None, label="bench web_roster")
        manager = Principal(key_id=key.id, role="manager")
        (period,) = periods.of_site(session, site_id_for(problem))
        run, _ = solves.start(
            session, manager, Settings(), period.id, SolveRequest(time_limit_seconds=time_limit)
        )
        settings = SolveSettings(time_limit_seconds=time_limit, stop_after_first_solution=True)
        started = time.perf_counter()
        result = solve(problem, settings)
        print(f"first roster in {time.perf_counter() - started:.1f} s ({result.status})")
        solves.record_result(session, run.id, result, None)
        session.flush()
        roster_id = session.scalars(select(Roster.id).where(Roster.solve_run_id == run.id)).one()
        rosters.publish(session, manager, roster_id)
        shifts = len(result.roster.shifts) if result.roster else 0
        return period.id, secret, shifts


def time_pages(base_url: str, key: str, period_id: int, agents: int, repeat: int) -> None:
    pages = max(1, -(-agents // 50))
    views = {
        "page 1": "page=1",
        f"page {pages // 2 + 1}": f"page={pages // 2 + 1}",
        f"page {pages} (last)": f"page={pages}",
        "queue fr-support, page 1": "queue=fr-support&page=1",
    }
    with httpx.Client(base_url=base_url, timeout=120) as client:
        login = client.post("/login", data={"key": key})
        assert login.status_code == 303 and client.cookies, "login refused"
        for label, query in views.items():
            url = f"/manage/periods/{period_id}/roster?{query}"
            seconds = []
            size = 0
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(url)
                seconds.append(time.perf_counter() - started)
                response.raise_for_status()
                size = len(response.content)
            print(
                f"  {label:<28} median {1000 * statistics.median(seconds):7.0f} ms"
                f"  (min {1000 * min(seconds):.0f}, max {1000 * max(seconds):.0f}),"
                f" {size / 1024:.0f} KiB"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agents", type=int, help="generated instance size (default: demo)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=300.0)
    args = parser.parse_args()
    problem = load_problem(args.agents)
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        database = Database(engine)
        period_id, key, shifts = publish_first_roster(database, problem, args.time_limit)
        print(f"{len(problem.agents)} agents, {shifts} shifts published; roster page timings:")
        app = create_app(Settings(environment="test", database_url=url), database)
        with serve_in_thread(app) as base_url:
            time_pages(base_url, key, period_id, len(problem.agents), args.repeat)
        app.state.solve_runner.shutdown()
        engine.dispose()


if __name__ == "__main__":
    main()
