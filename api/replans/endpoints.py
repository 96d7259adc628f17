"""``GET /periods/{id}/replans``: the re-plans of a period, newest first (staff only).

Re-plans are made by the jobs (``homeshore worker``) or ``homeshore replan``; this route
lets planners see why one ran, whether it failed, and what its draft changes per agent.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SessionDep, Staff
from api.periods.service import require_period
from api.replans import repository
from api.replans.schemas import ReplanRead, ShiftChangeRead
from api.schemas import PathRowId

router = APIRouter(tags=["replans"])


@router.get("/periods/{period_id}/replans", response_model=list[ReplanRead])
def list_replans(
    period_id: PathRowId,
    session: SessionDep,
    _user: Staff,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[ReplanRead]:
    require_period(session, period_id)
    rows = repository.of_period(session, period_id, limit)
    absences = repository.absence_ids(session, [replan.id for replan, _run, _roster in rows])
    return [
        ReplanRead(
            id=replan.id,
            period_id=replan.period_id,
            trigger=replan.trigger,
            base_roster_id=replan.base_roster_id,
            solve_run_id=run.id,
            status=run.status,
            solver_status=run.solver_status,
            error=run.error,
            roster_id=roster_id,
            replan_from=replan.replan_from,
            absence_ids=absences.get(replan.id, []),
            coverage_before=replan.coverage_before,
            coverage_after=replan.coverage_after,
            changes=None
            if replan.changes is None
            else [ShiftChangeRead.model_validate(c) for c in replan.changes],
            created_at=replan.created_at,
            finished_at=run.finished_at,
        )
        for replan, run, roster_id in rows
    ]
