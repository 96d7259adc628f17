"""HTTP route for a roster's expected service level."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import SessionDep, Staff
from api.schemas import PathRowId
from api.servicelevel import service
from api.servicelevel.schemas import ServiceLevelRead

router = APIRouter(tags=["service level"])


@router.get("/rosters/{roster_id}/service-level", response_model=ServiceLevelRead)
def get_service_level(roster_id: PathRowId, session: SessionDep, _user: Staff) -> ServiceLevelRead:
    """Expected service level and ASA per queue and slot (Erlang), stored with the roster."""
    return service.of_roster(session, roster_id)
