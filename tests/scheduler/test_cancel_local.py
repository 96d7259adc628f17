"""Cancelling a solve in the embedded local pool (the default backend).

The pool cannot lose one process, so stopping one solve kills its pool; the other solve
that pool was running starts again in a new one and still ends with its verified roster.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from api.auth.keys import Principal
from api.db.database import Database
from api.db.models import PlanningPeriod, Roster, SolveRun
from api.imports.service import import_problem
from api.solves import service
from api.solves.execution import LocalExecution
from api.solves.snapshot import build_problem
from solver.result import SolveSettings
from tests.scheduler.seed import small_problem

MANAGER = Principal(key_id=None, role="manager")


def _status(database: Database, run_id: int) -> str:
    with database.session() as session:
        run = session.get(SolveRun, run_id)
        assert run is not None
        return run.status


@pytest.mark.slow
def test_a_cancelled_local_solve_stops_and_its_neighbour_still_finishes(
    database: Database,
) -> None:
    settings = SolveSettings(time_limit_seconds=3, relative_gap_limit=0, num_workers=1)
    with database.session(write=True) as session:
        import_problem(session, small_problem(agents=12, days=7))
        period_id = session.scalars(select(PlanningPeriod.id)).one()
        snapshot = build_problem(session, period_id).model_dump(mode="json")
        doomed, neighbour = (
            service.new_run(session, period_id, snapshot, settings).id for _ in "ab"
        )
    execution = LocalExecution(database, processes=2, niceness=0, heartbeat_seconds=1)
    try:
        stopped, other = execution.submit(doomed), execution.submit(neighbour)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            _status(database, doomed) != "running" or _status(database, neighbour) != "running"
        ):
            time.sleep(0.1)
        assert _status(database, doomed) == _status(database, neighbour) == "running"
        with database.session(write=True) as session:
            service.cancel(session, MANAGER, doomed)
        stopped.result(timeout=10)
        other.result(timeout=60)
    finally:
        execution.shutdown()
    with database.session() as session:
        rosters = dict(session.execute(select(Roster.solve_run_id, Roster.verified_ok)).all())
    assert _status(database, doomed) == "cancelled" and doomed not in rosters
    assert _status(database, neighbour) == "finished" and rosters[neighbour] is True
