"""Authenticating a bearer token; minting, listing and revoking keys (CLI, API, tests)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth import repository
from api.auth.keys import ROLES, Actor, Principal, Role, hash_secret, new_secret
from api.db.base import utc_now
from api.db.models import Agent, ApiKey
from api.errors import Conflict, NotFound, Unauthorized, invalid


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


def mint_key(
    session: Session, actor: Actor, role: str, agent_id: str | None = None, label: str = ""
) -> tuple[ApiKey, str]:
    """:func:`create_key` on someone's behalf, noted in the audit trail (never the secret)."""
    key, secret = create_key(session, role, agent_id, label)
    record(session, actor, "create", "key", key.id, _audit_detail(key))
    return key, secret


def list_keys(session: Session) -> list[ApiKey]:
    """Every key ever minted, revoked ones too, oldest first: secrets are never stored."""
    return repository.all_keys(session)


def revoke_key(session: Session, actor: Actor, key_id: int) -> ApiKey:
    """Revoke a key at once: its bearer requests and browser sessions fail from now on.

    Raises NotFound for an unknown id and Conflict for a key revoked before (revoking is
    not repeated, so the recorded time stays the first one).
    """
    key = repository.find_by_id(session, key_id)
    if key is None:
        raise NotFound("key", key_id)
    if key.revoked_at is not None:
        raise Conflict(
            "key_id", f"key {key_id} was already revoked on {key.revoked_at:%Y-%m-%d %H:%M} UTC"
        )
    key.revoked_at = utc_now()
    record(session, actor, "revoke", "key", key.id, _audit_detail(key))
    session.flush()
    return key


def _audit_detail(key: ApiKey) -> dict[str, object]:
    return {"prefix": key.prefix, "role": key.role, "agent_id": key.agent_id, "label": key.label}
