"""``GET /me``: lets a client learn its role and agent id from its key alone."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CurrentUser
from api.schemas import WireModel

router = APIRouter(tags=["me"])


class MeRead(WireModel):
    role: str
    agent_id: str | None
    key_id: int | None


@router.get("/me", response_model=MeRead)
def who_am_i(user: CurrentUser) -> MeRead:
    return MeRead(role=user.role, agent_id=user.agent_id, key_id=user.key_id)
