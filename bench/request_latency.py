"""How long an agent waits for the answer to a request on a published 1,000-agent week.

The week (``bench.generator``, 1,000 agents by default) is solved once, in this process,
up to the solver's first roster; the roster is verified and loaded as published version 1
into each database asked for: a fresh SQLite file, and PostgreSQL when ``--postgresql URL``
is given (a schema of its own, dropped after). The site's policy lets coverage fall
(``min_coverage_ratio`` 0), so each request goes the whole way: the verifier's check, a new
version through the one ``publish`` (its outbox messages and audit), the open shift.

Timed, per request, from the service call to the commit of its transaction (what the HTTP
route runs; HTTP parsing adds about a millisecond):
- a time off of one agent's whole Wednesday or Thursday (approved, a new version, its
  hours posted as an open shift);
- an open-shift pick-up by an agent who may legally work it (approved, a new version).
  Agents whose stated availability holds the shift are asked in random order; those the
  verifier refuses (rest, days, hours...) answer 409; they are counted, not timed.

Run: ``.venv/bin/python -m bench.request_latency [--agents 1000] [--requests 30]
[--postgresql postgresql+psycopg://postgres@127.0.0.1:5432/test]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from api.auth.keys import SCHEDULER, Principal
from api.db.base import utc_now
from api.db.database import Database
from api.db.engine import make_engine
from api.db.migrate import upgrade
from api.db.models import OpenShift, PlanningPeriod, Roster, RosterShift
from api.errors import Conflict
from api.imports.service import import_problem
from api.requests import service
from api.requests.policies import Policy
from api.requests.schemas import PickUpCreate, TimeOffCreate
from api.rosters import publication
from api.rosters import repository as rosters
from api.rosters.solver_shifts import stored_fields
from api.solves.worker import stored_figures
from bench.generator import FIRST_DAY, generate
from solver.local_time import to_utc
from solver.problem import Problem
from solver.result import SolveSettings
from solver.roster import Roster as SolverRoster
from solver.solve import solve
from solver.verifier import verify

PARIS = ZoneInfo("Europe/Paris")
MANAGER = Principal(key_id=None, role="manager")
NOW = datetime.combine(FIRST_DAY, datetime.min.time(), tzinfo=PARIS) - timedelta(days=7)


def _solve(problem: Problem) -> SolverRoster:
    started = time.perf_counter()
    result = solve(problem, SolveSettings(time_limit_seconds=600, stop_after_first_solution=True))
    assert result.roster is not None, f"no roster: {result.status}"
    print(
        f"solved {len(problem.agents)} agents to a first roster in "
        f"{time.perf_counter() - started:.1f} s: {len(result.roster.shifts)} shifts"
    )
    return result.roster


def _load(database: Database, problem: Problem, roster: SolverRoster) -> tuple[int, str]:
    """The week imported and ``roster`` published as version 1; the period and site ids."""
    report = verify(problem, roster)
    assert report.ok, report.violations[:3]
    with database.session(write=True) as session:
        import_problem(session, problem)
        period = session.scalars(select(PlanningPeriod)).one()
        stored = Roster(period_id=period.id, kpis=stored_figures(report), verified_ok=True)
        session.add(stored)
        session.flush()
        session.add_all(RosterShift(roster_id=stored.id, **stored_fields(s)) for s in roster.shifts)
        session.flush()
        publication.publish(session, SCHEDULER, stored.id, NOW)
        service.replace_policy(
            session, MANAGER, period.site_id, Policy(min_coverage_ratio=0), utc_now()
        )
        return period.id, period.site_id


def _working_on(database: Database, period_id: int, day: int) -> list[tuple[str, datetime]]:
    start = datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time(), tzinfo=PARIS)
    with database.session() as session:
        current = rosters.published(session, period_id)
        assert current is not None
        shifts = rosters.shifts(session, current.id, between=(start, start + timedelta(days=1)))
        return sorted({(s.agent_id, start) for s in shifts})


def _timed_time_off(database: Database, agent_id: str, day_start: datetime) -> float:
    body = TimeOffCreate(start=day_start, end=day_start + timedelta(days=1))
    started = time.perf_counter()
    with database.session(write=True) as session:
        read = service.ask_time_off(session, MANAGER, agent_id, body, NOW)
    seconds = time.perf_counter() - started
    assert read.status == "approved", read.decision
    return seconds


def _timed_pick_up(
    database: Database, open_shift_id: int, candidates: list[str]
) -> tuple[float | None, int]:
    """The decision time of the first candidate the rules allow, and the refusals before."""
    refused = 0
    for agent_id in candidates:
        started = time.perf_counter()
        try:
            with database.session(write=True) as session:
                service.ask_pick_up(
                    session, MANAGER, agent_id, PickUpCreate(open_shift_id=open_shift_id), NOW
                )
        except Conflict:
            refused += 1
            continue
        return time.perf_counter() - started, refused
    return None, refused


def _available_for(problem: Problem, start: datetime, end: datetime) -> list[str]:
    """Agents with a stated window holding ``[start, end)``: who is worth asking (the service
    still checks each with the verifier)."""
    return [
        agent.id
        for agent in problem.agents
        if any(
            to_utc(w.start, ZoneInfo(agent.time_zone)) <= start
            and end <= to_utc(w.end, ZoneInfo(agent.time_zone))
            for w in agent.availability
        )
    ]


def _percentiles(label: str, seconds: list[float]) -> None:
    if not seconds:
        print(f"  {label}: no sample")
        return
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(
        f"  {label}: n={len(ms)}  p50 {statistics.median(ms):.0f} ms  p95 {p95:.0f} ms  "
        f"max {ms[-1]:.0f} ms"
    )


def run(database: Database, kind: str, problem: Problem, roster: SolverRoster, n: int) -> None:
    period_id, _site = _load(database, problem, roster)
    rng = random.Random(7)
    wednesday, thursday = _working_on(database, period_id, 2), _working_on(database, period_id, 3)
    chosen = rng.sample(wednesday, n // 2) + rng.sample(thursday, n - n // 2)
    off = [_timed_time_off(database, agent_id, day) for agent_id, day in chosen]
    with database.session() as session:
        opened = list(session.scalars(select(OpenShift).where(OpenShift.status == "open")))
    picked: list[float] = []
    refusals = 0
    for open_shift in opened[:n]:
        candidates = _available_for(problem, open_shift.start, open_shift.end)
        rng.shuffle(candidates)
        seconds, refused = _timed_pick_up(database, open_shift.id, candidates[:40])
        refusals += refused
        if seconds is not None:
            picked.append(seconds)
    print(f"\n{kind}, {len(problem.agents)} agents, published week:")
    _percentiles("time off (approved, new version)", off)
    _percentiles("open-shift pick-up (approved, new version)", picked)
    print(f"  pick-up attempts the verifier refused (409, not timed): {refusals}")


@contextmanager
def _sqlite() -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(f"sqlite:///{Path(directory) / 'bench.sqlite3'}")
        upgrade(engine)
        try:
            yield Database(engine)
        finally:
            engine.dispose()


@contextmanager
def _postgresql(url: str) -> Iterator[Database]:
    schema = f"hs_bench_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in url else "?"
    engine = make_engine(f"{url}{separator}options=-csearch_path%3D{schema}")
    try:
        upgrade(engine)
        yield Database(engine)
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=30, help="Of each kind.")
    parser.add_argument("--postgresql", default="", help="A PostgreSQL URL to measure too.")
    args = parser.parse_args(argv)
    problem = generate(args.agents)
    roster = _solve(problem)
    with _sqlite() as database:
        run(database, "SQLite", problem, roster, args.requests)
    if args.postgresql:
        with _postgresql(args.postgresql) as database:
            run(database, "PostgreSQL", problem, roster, args.requests)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
