"""Processes killed with ``kill -9``, as an operator or the out-of-memory killer does it.

- A worker killed mid re-plan: its run's heartbeat goes stale, the next worker fails the run
  within the lease and re-plans its absences at once (no retry delay: the solve did not fail,
  its process vanished).
- ``homeshore serve`` killed while solving: its solver processes (and multiprocessing's
  resource tracker) exit with it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import httpx
import psutil
import pytest
from sqlalchemy import select

from api.db.database import Database
from api.db.models import Replan, ReplanAbsence, SolveRun
from tests.api.conftest import mint
from tests.api.story import offer, set_up_small_site
from tests.scheduler.seed import report_absence, seed_published, shift_keys, small_problem
from tests.scheduler.test_commands import HOMESHORE, Worker

PARIS = ZoneInfo("Europe/Paris")
LEASE = 3


def _env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "HOMESHORE_DATABASE_URL": url,
        "HOMESHORE_ENVIRONMENT": "test",
        "HOMESHORE_SCHEDULER_LEASE_SECONDS": str(LEASE),
        "HOMESHORE_RUN_LEASE_SECONDS": str(LEASE),
        "HOMESHORE_ABSENCE_WATCH_SECONDS": "0.2",
        "HOMESHORE_REPLAN_DEBOUNCE_SECONDS": "0.1",
        "HOMESHORE_REPLAN_TIME_LIMIT_SECONDS": "30",
        "HOMESHORE_SOLVER_NICENESS": "0",
    }


def _poll(check: object, seconds: float, every: float = 0.05) -> object:
    """The first truthy value of ``check()`` within ``seconds`` (bounded), else None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()  # type: ignore[operator]
        if value:
            return value
        time.sleep(every)
    return None


def _replan_runs(database: Database) -> list[tuple[int, str, str | None, list[int]]]:
    with database.session() as session:
        rows = session.execute(
            select(SolveRun.id, SolveRun.status, SolveRun.error, Replan.id)
            .join(Replan, Replan.solve_run_id == SolveRun.id)
            .order_by(SolveRun.id)
        ).all()
        absences = {
            replan_id: sorted(
                session.scalars(
                    select(ReplanAbsence.absence_id).where(ReplanAbsence.replan_id == replan_id)
                )
            )
            for *_rest, replan_id in rows
        }
    return [(run_id, status, error, absences[rid]) for run_id, status, error, rid in rows]


def _solver_children(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [c for c in process.children(recursive=True) if c.is_running()]
    except psutil.NoSuchProcess:
        return []


def _all_gone(processes: list[psutil.Process]) -> bool:
    return all(not p.is_running() or p.status() == psutil.STATUS_ZOMBIE for p in processes)


@pytest.mark.slow
def test_a_worker_killed_mid_re_plan_is_taken_over_and_the_absence_re_planned(
    live: tuple[str, Database],
) -> None:
    url, database = live
    first_day = date.today() + timedelta(days=2)
    seeded = seed_published(database, small_problem(agents=12, days=7, first_day=first_day))
    absent = sorted(shift_keys(database, seeded.roster_id), key=lambda k: (k[1], k[0]))[0][0]
    day = datetime.combine(first_day, clock_time(0), tzinfo=PARIS)
    absence_id = report_absence(database, absent, day, day + timedelta(days=1), datetime.now(UTC))
    env = _env(url)
    first = Worker("doomed", env)
    second = None
    try:
        worker = psutil.Process(first.process.pid)

        def solving() -> tuple[int, list[psutil.Process]] | None:
            """A re-plan in flight and the worker's solver process, seen together."""
            runs = [r for r in _replan_runs(database) if r[1] in ("queued", "running")]
            children = _solver_children(worker)
            return (runs[0][0], children) if runs and children else None

        seen = _poll(solving, 60)
        assert seen, f"the first worker is solving a re-plan: {first.seen}"
        run_id, children = seen  # type: ignore[misc]
        first.process.kill()
        first.process.wait(timeout=10)
        assert _poll(lambda: _all_gone(children), 10), "its solver processes died with it"

        second = Worker("heir", env)
        taken_over = _poll(
            lambda: [r for r in _replan_runs(database) if r[0] != run_id and absence_id in r[3]],
            LEASE * 3 + 60,
            every=0.2,
        )
        assert taken_over, f"the heir re-planned the absence: {second.seen}"
        runs = {r[0]: r for r in _replan_runs(database)}
        assert runs[run_id][1] == "failed"
        assert (runs[run_id][2] or "").startswith("interrupted: the process executing it stopped")
        with database.session() as session:
            old = session.get(SolveRun, run_id)
            assert old is not None and old.finished_at is None
    finally:
        if first.process.poll() is None:
            first.process.kill()
        if second is not None:
            assert second.stop() == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_a_server_killed_mid_solve_leaves_no_solver_behind(live: tuple[str, Database]) -> None:
    url, database = live
    port = _free_port()
    env = {**_env(url), "HOMESHORE_PORT": str(port), "HOMESHORE_HOST": "127.0.0.1"}
    server = subprocess.Popen(
        [str(HOMESHORE), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{base}/health", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        assert _poll(up, 60, every=0.2), "the server answers"
        manager = httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {mint(database, 'manager')}"}
        )
        period_id = set_up_small_site(manager)
        agent = httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {mint(database, 'agent', 'a1')}"}
        )
        offer(agent, period_id, "a1", "08:00", "14:00")
        started = manager.post(
            f"/api/v1/periods/{period_id}/solves", json={"time_limit_seconds": 60}
        )
        assert started.status_code == 202, started.text
        parent = psutil.Process(server.pid)
        children = _poll(lambda: _solver_children(parent), 60)
        assert children, "the solve runs in a child process"
        server.kill()
        server.wait(timeout=10)
        survivors = lambda: [  # noqa: E731
            " ".join(c.cmdline()) for c in children if c.is_running() and c.status() != "zombie"
        ]
        assert _poll(lambda: _all_gone(children), 10), survivors()  # type: ignore[arg-type]
    finally:
        if server.poll() is None:
            server.kill()
