"""HTTP routes for solves: start one (202 with the run id), poll it, cancel it, list a
period's runs."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import ExecutionDep, Manager, SessionDep, SettingsDep, Staff
from api.periods.service import require_period
from api.schemas import PathRowId
from api.solves import repository, service
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
    session: SessionDep,
    settings: SettingsDep,
    execution: ExecutionDep,
    user: Manager,
) -> SolveRunRead:
    """Snapshot the period and queue a solve; poll ``GET /solves/{id}`` for progress.

    The run executes once this request's transaction commits, so its solver process never
    looks for an uncommitted run.
    """
    run = service.start(session, user, settings, period_id, body, execution)
    return service.to_read(session, run)


@router.get("/solves/{run_id}", response_model=SolveRunRead)
def get_solve(run_id: PathRowId, session: SessionDep, _user: Staff) -> SolveRunRead:
    return service.to_read(session, service.require_run(session, run_id))


@router.post("/solves/{run_id}/cancel", response_model=SolveRunRead)
def cancel_solve(run_id: PathRowId, session: SessionDep, user: Manager) -> SolveRunRead:
    """Cancel a queued or running solve: its solver stops within seconds, wherever it runs.

    409 if the run already ended (finished, failed or cancelled).
    """
    return service.to_read(session, service.cancel(session, user, run_id))


@router.get("/periods/{period_id}/solves", response_model=list[SolveRunRead])
def list_solves(period_id: PathRowId, session: SessionDep, _user: Staff) -> list[SolveRunRead]:
    require_period(session, period_id)
    return service.to_reads(session, repository.of_period(session, period_id))
