"""HTTP routes for absences (planners and managers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from api.absences import service
from api.absences.schemas import AbsenceCreate, AbsenceRead
from api.deps import SessionDep, Staff
from api.schemas import IDENTIFIER_PATTERN, PathRowId

router = APIRouter(tags=["absences"])


@router.post("/absences", status_code=status.HTTP_201_CREATED, response_model=AbsenceRead)
def report_absence(body: AbsenceCreate, session: SessionDep, user: Staff) -> AbsenceRead:
    """Record an absence and mark the published shifts it hits (see ``affected_shifts``)."""
    return service.report(session, user, body)


@router.get("/absences", response_model=list[AbsenceRead])
def list_absences(
    session: SessionDep,
    _user: Staff,
    agent_id: Annotated[str | None, Query(max_length=64, pattern=IDENTIFIER_PATTERN)] = None,
) -> list[AbsenceRead]:
    return service.listing(session, agent_id)


@router.get("/absences/{absence_id}", response_model=AbsenceRead)
def get_absence(absence_id: PathRowId, session: SessionDep, _user: Staff) -> AbsenceRead:
    return service.read(session, absence_id)
