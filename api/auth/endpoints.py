"""``/keys``: managers mint, list and revoke API keys, as ``homeshore users`` does."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.auth import service
from api.auth.schemas import KeyCreate, KeyCreated, KeyRead
from api.deps import Manager, SessionDep
from api.schemas import PathRowId

router = APIRouter(tags=["keys"])


@router.get("/keys", response_model=list[KeyRead])
def list_keys(session: SessionDep, _user: Manager) -> object:
    return service.list_keys(session)


@router.post("/keys", status_code=status.HTTP_201_CREATED, response_model=KeyCreated)
def mint_key(body: KeyCreate, session: SessionDep, user: Manager) -> KeyCreated:
    key, secret = service.mint_key(session, user, body.role, body.agent_id, body.label)
    return KeyCreated.model_validate({**KeyRead.model_validate(key).model_dump(), "secret": secret})


@router.delete("/keys/{key_id}", response_model=KeyRead)
def revoke_key(key_id: PathRowId, session: SessionDep, user: Manager) -> object:
    """Revoke at once: 404 for an unknown key, 409 for one revoked before."""
    return service.revoke_key(session, user, key_id)
