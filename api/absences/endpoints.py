"""HTTP routes for absences (planners and managers)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from api.absences import service
from api.absences.schemas import AbsenceCreate, AbsenceRead
from api.deps import SessionDep, Staff
from api.schemas import PathRowId, QueryIdentifier

router = APIRouter(tags=["absences"])


@router.post(
    "/absences",
    status_code=status.HTTP_201_CREATED,
    response_model=AbsenceRead,
    responses={200: {"model": AbsenceRead, "description": "The same absence, already recorded."}},
)
def report_absence(
    body: AbsenceCreate, session: SessionDep, user: Staff, response: Response
) -> AbsenceRead:
    """Record an absence and mark the published shifts it hits (see ``affected_shifts``).

    Idempotent: the same agent, start, end and reason again answers 200 with the absence
    already recorded, so a retried request never reports an absence twice."""
    absence, created = service.report(session, user, body)
    if not created:
        response.status_code = status.HTTP_200_OK
    return absence


@router.get("/absences", response_model=list[AbsenceRead])
def list_absences(
    session: SessionDep,
    _user: Staff,
    agent_id: QueryIdentifier = None,
) -> list[AbsenceRead]:
    return service.listing(session, agent_id)


@router.get("/absences/{absence_id}", response_model=AbsenceRead)
def get_absence(absence_id: PathRowId, session: SessionDep, _user: Staff) -> AbsenceRead:
    return service.read(session, absence_id)
