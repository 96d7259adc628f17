"""``GET /audit``: who changed what, newest first (managers and planners)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.audit import repository
from api.deps import SessionDep, Staff
from api.schemas import WireModel

router = APIRouter(tags=["audit"])


class AuditRead(WireModel):
    id: int
    at: datetime
    actor_key_id: int | None
    actor_role: str
    action: str
    entity: str
    entity_id: str
    detail: dict[str, Any]


@router.get("/audit", response_model=list[AuditRead])
def audit_trail(
    session: SessionDep,
    _user: Staff,
    entity: Annotated[str | None, Query(max_length=64, pattern=r"^[a-z_.]+$")] = None,
    entity_id: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_.:/-]+$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditRead]:
    return [
        AuditRead(
            id=e.id,
            at=e.at,
            actor_key_id=e.actor_key_id,
            actor_role=e.actor_role,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            detail=e.detail,
        )
        for e in repository.latest(session, entity, entity_id, limit)
    ]
