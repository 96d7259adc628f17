"""HTTP routes for solves: start one (202 with the run id), poll it, list a period's runs."""

from __future__ import annotations

import json

from fastapi import APIRouter, BackgroundTasks, Request, status

from api.deps import Manager, SessionDep, SettingsDep, Staff
from api.periods.service import require_period
from api.schemas import PathRowId
from api.solves import repository, service
from api.solves.runner import SolveRunner
from api.solves.schemas import SolveRequest, SolveRunRead

router = APIRouter(tags=["solves"])


@router.post(
    "/periods/{period_id}/solves",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SolveRunRead,
)
def start_solve(
    period_id: PathRowId,
    body: SolveRequest,
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    settings: SettingsDep,
    user: Manager,
) -> SolveRunRead:
    """Snapshot the period and queue a solve; poll ``GET /solves/{id}`` for progress.

    The run is handed to the solver processes after this transaction commits (a background
    task runs once the response is sent), so a worker never looks for an uncommitted run.
    """
    run, solve_settings = service.start(session, user, settings, period_id, body)
    runner: SolveRunner = request.app.state.solve_runner
    background.add_task(runner.submit, run.id, json.dumps(run.problem), solve_settings)
    return service.to_read(session, run)


@router.get("/solves/{run_id}", response_model=SolveRunRead)
def get_solve(run_id: PathRowId, session: SessionDep, _user: Staff) -> SolveRunRead:
    return service.to_read(session, service.require_run(session, run_id))


@router.get("/periods/{period_id}/solves", response_model=list[SolveRunRead])
def list_solves(period_id: PathRowId, session: SessionDep, _user: Staff) -> list[SolveRunRead]:
    require_period(session, period_id)
    return [service.to_read(session, r) for r in repository.of_period(session, period_id)]
