"""Solves on Celery workers, against the machine's RabbitMQ and real worker processes.

- Two workers, eight solves submitted at once, one worker killed with SIGKILL mid-solve:
  every run ends exactly once (one verified roster each, none lost, none twice), the run
  the dead worker held is retried by the other, and the API answers throughout.
- A cancelled solve stops its worker's solver process; the worker goes on with the next.
- A re-plan after an absence jumps the nightly batch waiting in the queue.
- The scheduler's re-plan (two schedulers started, one runs) reaches a worker, and the
  healed roster is stored once.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import httpx
import psutil
import pytest
from sqlalchemy import func, select

from api.db.database import Database
from api.db.models import PlanningPeriod, Replan, ReplanAbsence, Roster, SolveRun
from api.imports.service import import_problem
from api.solves.celery_execution import CeleryExecution
from api.solves.service import new_run
from api.solves.snapshot import build_problem
from solver.result import SolveSettings
from tests.celery.conftest import Deployment, poll
from tests.scheduler.seed import report_absence, seed_published, shift_keys, small_problem
from tests.scheduler.test_process_death import _all_gone

PARIS = ZoneInfo("Europe/Paris")
# 12 agents over a week: CP-SAT does not prove it optimal within a few seconds, so a solve
# lasts its whole time limit and a worker can be killed or cancelled while it is at work.
AGENTS, DAYS = 12, 7


def _import_week(database: Database) -> int:
    with database.session(write=True) as session:
        import_problem(session, small_problem(agents=AGENTS, days=DAYS))
        return int(session.scalars(select(PlanningPeriod.id)).one())


def _runs(database: Database, run_ids: list[int]) -> dict[int, SolveRun]:
    with database.session() as session:
        runs = session.scalars(select(SolveRun).where(SolveRun.id.in_(run_ids))).all()
        session.expunge_all()
    return {run.id: run for run in runs}


def _rosters_per_run(database: Database, run_ids: list[int]) -> dict[int, list[bool]]:
    """The verdict (verified_ok) of each roster stored for each run."""
    with database.session() as session:
        rows = session.execute(
            select(Roster.solve_run_id, Roster.verified_ok).where(Roster.solve_run_id.in_(run_ids))
        ).all()
    found: dict[int, list[bool]] = {run_id: [] for run_id in run_ids}
    for run_id, ok in rows:
        found[run_id].append(ok)
    return found


def _solvers(worker: psutil.Process) -> list[psutil.Process]:
    """The worker's solver processes (multiprocessing's resource tracker left out)."""
    try:
        children = [c for c in worker.children(recursive=True) if c.is_running()]
        return [c for c in children if "resource_tracker" not in " ".join(c.cmdline())]
    except psutil.NoSuchProcess:
        return []


class Prober:
    """Asks the API for a run and for /health every 0.2 s; counts answers and failures."""

    def __init__(self, manager: httpx.Client, run_id: int) -> None:
        self.answers = 0
        self.failures: list[str] = []
        self.health: dict[str, object] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._probe, args=(manager, run_id), daemon=True)
        self._thread.start()

    def _probe(self, manager: httpx.Client, run_id: int) -> None:
        while not self._stop.wait(0.2):
            try:
                run = manager.get(f"/api/v1/solves/{run_id}")
                health = manager.get("/health")
                if run.status_code == 200 and health.status_code == 200:
                    self.answers += 1
                    self.health = health.json()
                else:
                    self.failures.append(f"{run.status_code} {health.status_code}")
            except httpx.HTTPError as exc:
                self.failures.append(repr(exc))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


@pytest.mark.slow
def test_eight_solves_on_two_workers_one_killed_all_end_once_and_verified(
    deployment: Deployment,
) -> None:
    period_id = _import_week(deployment.database)
    manager = deployment.serve()
    doomed = deployment.solve_worker("doomed")
    heir = deployment.solve_worker("heir")
    body = {"time_limit_seconds": 3, "relative_gap_limit": 0}
    with ThreadPoolExecutor(8) as at_once:
        answers = list(
            at_once.map(
                lambda _i: manager.post(f"/api/v1/periods/{period_id}/solves", json=body),
                range(8),
            )
        )
    assert [a.status_code for a in answers] == [202] * 8, [a.text for a in answers]
    run_ids = [int(a.json()["id"]) for a in answers]
    prober = Prober(manager, run_ids[-1])
    try:
        doomed_process = psutil.Process(doomed.process.pid)

        def doomed_solving() -> tuple[int, list[psutil.Process]] | None:
            held = [
                r.id
                for r in _runs(deployment.database, run_ids).values()
                if r.status == "running" and r.claimed_by == doomed.name
            ]
            solvers = _solvers(doomed_process)
            return (held[0], solvers) if held and solvers else None

        seen = poll(doomed_solving, 60)
        assert seen, f"the doomed worker solves a run: {doomed.seen}"
        lost_run, solvers = seen
        doomed.process.kill()
        doomed.process.wait(timeout=10)
        assert poll(lambda: _all_gone(solvers), 10), "its solver process died with it"

        def all_ended() -> bool:
            runs = _runs(deployment.database, run_ids).values()
            return all(r.status not in ("queued", "running") for r in runs)

        assert poll(all_ended, 120, every=0.5), heir.seen[-20:]
    finally:
        prober.stop()
    runs = _runs(deployment.database, run_ids)
    assert {r.status for r in runs.values()} == {"finished"}, {r.id: r.error for r in runs.values()}
    assert _rosters_per_run(deployment.database, run_ids) == {r: [True] for r in run_ids}
    assert runs[lost_run].attempts == 2 and runs[lost_run].claimed_by == heir.name
    assert all(runs[r].attempts == 1 for r in run_ids if r != lost_run)
    assert prober.answers > 10 and prober.failures == [], prober.failures
    assert prober.health["broker"] == "ok"
    assert prober.health["workers"] == [heir.name]


@pytest.mark.slow
def test_a_cancelled_solve_stops_its_worker_which_goes_on_with_the_next(
    deployment: Deployment,
) -> None:
    period_id = _import_week(deployment.database)
    manager = deployment.serve()
    worker = deployment.solve_worker("lone")
    long = {"time_limit_seconds": 120, "relative_gap_limit": 0}
    run_id = int(manager.post(f"/api/v1/periods/{period_id}/solves", json=long).json()["id"])
    process = psutil.Process(worker.process.pid)

    def solving() -> list[psutil.Process] | None:
        run = manager.get(f"/api/v1/solves/{run_id}").json()
        return _solvers(process) if run["status"] == "running" else None

    solvers = poll(solving, 60)
    assert solvers, f"the worker solves the run: {worker.seen}"
    cancelled = manager.post(f"/api/v1/solves/{run_id}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert poll(lambda: _all_gone(solvers), 10), "the solver process was stopped"
    again = manager.post(f"/api/v1/solves/{run_id}/cancel")
    assert again.status_code == 409 and "status" in again.text

    short = {"time_limit_seconds": 1}
    next_id = int(manager.post(f"/api/v1/periods/{period_id}/solves", json=short).json()["id"])
    ended = poll(
        lambda: manager.get(f"/api/v1/solves/{next_id}").json()["status"] == "finished", 60
    )
    assert ended, worker.seen[-20:]
    run = manager.get(f"/api/v1/solves/{run_id}").json()
    assert run["status"] == "cancelled" and run["roster_id"] is None


@pytest.mark.slow
def test_a_re_plan_overtakes_the_nightly_batch_waiting_in_the_queue(
    deployment: Deployment,
) -> None:
    period_id = _import_week(deployment.database)
    settings = SolveSettings(time_limit_seconds=1, relative_gap_limit=0, num_workers=1)
    with deployment.database.session(write=True) as session:
        snapshot = build_problem(session, period_id).model_dump(mode="json")
        run_ids = [new_run(session, period_id, snapshot, settings).id for _ in range(5)]
    execution = CeleryExecution(deployment.database, deployment.settings())
    try:
        nightly = [execution.submit(r, "nightly") for r in run_ids[:4]]
        urgent = execution.submit(run_ids[4], "replan")
        deployment.solve_worker("lone")
        for done in [*nightly, urgent]:
            done.result(timeout=90)
    finally:
        execution.shutdown()
    runs = _runs(deployment.database, run_ids)
    order = sorted(run_ids, key=lambda r: runs[r].started_at or datetime.max.replace(tzinfo=UTC))
    assert {r.status for r in runs.values()} == {"finished"}
    # The worker took one nightly message before it saw the others; the re-plan came next.
    assert order.index(run_ids[4]) <= 1, [(r, runs[r].started_at) for r in order]


@pytest.mark.slow
def test_the_schedulers_re_plan_reaches_a_worker_and_is_stored_once(
    deployment: Deployment,
) -> None:
    first_day = date.today() + timedelta(days=2)
    database = deployment.database
    seeded = seed_published(database, small_problem(agents=8, days=2, first_day=first_day))
    absent = sorted(shift_keys(database, seeded.roster_id), key=lambda k: (k[1], k[0]))[0][0]
    day = datetime.combine(first_day, clock_time(0), tzinfo=PARIS)
    absence_id = report_absence(database, absent, day, day + timedelta(days=1), datetime.now(UTC))
    worker = deployment.solve_worker("healer")
    schedulers = [deployment.scheduler("s1"), deployment.scheduler("s2")]

    def healed() -> list[tuple[int, str, int | None]]:
        with database.session() as session:
            rows = session.execute(
                select(SolveRun.id, SolveRun.status, Roster.id)
                .join(Replan, Replan.solve_run_id == SolveRun.id)
                .join(ReplanAbsence, ReplanAbsence.replan_id == Replan.id)
                .outerjoin(Roster, Roster.solve_run_id == SolveRun.id)
                .where(ReplanAbsence.absence_id == absence_id)
            ).all()
        return [(r[0], r[1], r[2]) for r in rows if r[1] == "finished"]

    done = poll(healed, 90, every=0.3)
    assert done, [s.seen[-10:] for s in schedulers] + [worker.seen[-10:]]
    time.sleep(3)  # a second scheduler that also ran would have added its re-plan by now
    assert len(healed()) == 1
    ((run_id, _status, roster_id),) = healed()
    assert roster_id is not None
    with database.session() as session:
        run = session.get(SolveRun, run_id)
        assert run is not None and run.claimed_by == worker.name
        roster = session.get(Roster, roster_id)
        assert roster is not None and roster.verified_ok
        replans = session.scalar(select(func.count()).select_from(Replan))
        assert replans == 1
