"""Problem JSON exports: reproduce any plan offline with ``homeshore solve problem.json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import SessionDep, Staff
from api.schemas import PathRowId
from api.solves.service import require_run
from api.solves.snapshot import build_problem

router = APIRouter(tags=["exports"])


@router.get("/periods/{period_id}/problem.json")
def period_problem(period_id: PathRowId, session: SessionDep, _user: Staff) -> dict[str, Any]:
    """The period as the solver would see it now (the format of ``solver.problem.Problem``)."""
    return build_problem(session, period_id).model_dump(mode="json")


@router.get("/solves/{run_id}/problem.json")
def solved_problem(run_id: PathRowId, session: SessionDep, _user: Staff) -> dict[str, Any]:
    """Exactly the snapshot that run solved."""
    return require_run(session, run_id).problem
