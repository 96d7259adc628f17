"""Authenticating a bearer token and minting keys (used by the CLI and by tests)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.auth import repository
from api.auth.keys import ROLES, Principal, Role, hash_secret, new_secret
from api.db.models import Agent, ApiKey
from api.errors import NotFound, Unauthorized, invalid


def authenticate(session: Session, secret: str | None) -> Principal:
    if not secret:
        raise Unauthorized("send an API key as 'Authorization: Bearer <key>'")
    key = repository.find_active_by_hash(session, hash_secret(secret))
    if key is None:
        raise Unauthorized("unknown or revoked API key")
    return _principal(key)


def authenticate_session(session: Session, key_id: int) -> Principal:
    """The caller of a browser session: its key must still be active (revocation ends it)."""
    key = repository.find_active_by_id(session, key_id)
    if key is None:
        raise Unauthorized("the API key of this session was revoked; log in again")
    return _principal(key)


def _principal(key: ApiKey) -> Principal:
    role: Role = key.role  # type: ignore[assignment]
    return Principal(key_id=key.id, role=role, agent_id=key.agent_id)


def create_key(
    session: Session, role: str, agent_id: str | None = None, label: str = ""
) -> tuple[ApiKey, str]:
    """A new key and its secret; an agent key must name an existing agent, others none."""
    if role not in ROLES:
        raise invalid("role", f"must be one of {', '.join(ROLES)}")
    if role == "agent":
        if not agent_id:
            raise invalid("agent_id", "an agent key must be bound to an agent")
        if session.get(Agent, agent_id) is None:
            raise NotFound("agent", agent_id)
    elif agent_id:
        raise invalid("agent_id", f"a {role} key is not bound to an agent")
    secret = new_secret()
    key = ApiKey(
        key_hash=hash_secret(secret), prefix=secret[:10], role=role, agent_id=agent_id, label=label
    )
    return repository.add(session, key), secret
