"""Without a broker: a solve is failed with the reason, /health says why, and
``homeshore solve-worker`` refuses to start in a local deployment."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from api.cli.main import main
from api.db.database import Database
from api.db.models import PlanningPeriod, SolveRun
from api.imports.service import import_problem
from api.settings import Settings
from api.solves.celery_execution import CeleryExecution
from api.solves.service import new_run
from solver.result import SolveSettings
from tests.api.databases import fresh_database
from tests.scheduler.seed import small_problem
from tests.scheduler.test_process_death import _free_port


def test_with_the_broker_unreachable_a_solve_fails_with_the_reason(tmp_path: Path) -> None:
    nobody = f"amqp://guest:guest@127.0.0.1:{_free_port()}//"
    with fresh_database(tmp_path) as (url, engine):
        database = Database(engine)
        settings = Settings(
            environment="test", database_url=url, solve_backend="celery", broker_url=nobody
        )
        with database.session(write=True) as session:
            import_problem(session, small_problem())
            period_id = session.scalars(select(PlanningPeriod.id)).one()
            run_id = new_run(session, period_id, {}, SolveSettings()).id
        execution = CeleryExecution(database, settings)
        try:
            execution.submit(run_id, "replan").result(timeout=60)
            health = execution.health()
        finally:
            execution.shutdown()
        with database.session() as session:
            run = session.get(SolveRun, run_id)
            assert run is not None and run.status == "failed"
            assert (run.error or "").startswith("could not queue: the broker did not take it")
    assert health["broker"].startswith("unreachable") and health["workers"] == []


def test_solve_worker_refuses_to_start_when_the_backend_is_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOMESHORE_SOLVE_BACKEND", "local")
    monkeypatch.setenv("HOMESHORE_DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    assert main(["solve-worker"]) == 2
    assert "HOMESHORE_SOLVE_BACKEND is 'local'" in capsys.readouterr().err
