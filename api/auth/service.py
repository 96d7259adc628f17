"""Authenticating callers (bearer keys, session cookies); minting, listing and revoking keys
(CLI, API, tests); ending an agent's credentials.

A credential is good only while its key is active and, for an agent key, while its agent
exists and is active: every way in (bearer, cookie, calendar feed) goes through
``_principal``, so a deactivated agent is locked out even if a revocation was missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth import repository, sessions
from api.auth.keys import ROLES, Actor, Principal, Role, hash_secret, new_secret
from api.db.base import utc_now
from api.db.models import Agent, ApiKey, WebSession
from api.errors import Conflict, NotFound, Unauthorized, invalid

_AUTHENTICATED_AGENTS = "homeshore_authenticated_agents"


def authenticate(session: Session, secret: str | None) -> Principal:
    if not secret:
        raise Unauthorized("send an API key as 'Authorization: Bearer <key>'")
    key = repository.find_active_by_hash(session, hash_secret(secret))
    if key is None:
        raise Unauthorized("unknown or revoked API key")
    return _principal(session, key)


def authenticate_session(session: Session, key_id: int) -> Principal:
    """The caller acting through key ``key_id`` (a session or a feed): it must still be active."""
    key = repository.find_active_by_id(session, key_id)
    if key is None:
        raise Unauthorized("the API key of this session was revoked; log in again")
    return _principal(session, key)


def authenticate_cookie(
    session: Session, secret: str, cookie: str | None, now: datetime
) -> tuple[Principal, sessions.WebSession]:
    """The caller of a browser session: a well-signed, unexpired cookie whose stored session
    was not ended (logout, agent deactivated), on a key that is still good."""
    web = sessions.read(secret, cookie, now)
    if web is None or repository.find_live_web_session(session, web.nonce, web.key_id, now) is None:
        raise Unauthorized("the session has expired or ended; log in again")
    return authenticate_session(session, web.key_id), web


def _principal(session: Session, key: ApiKey) -> Principal:
    if key.agent_id is not None:
        agent = session.get(Agent, key.agent_id)
        if agent is None or not agent.active:
            raise Unauthorized("the agent of this API key is no longer active")
        # The session's identity map holds objects weakly: kept here, the request's own
        # lookups of this agent (most agent requests make one) need no second query.
        session.info.setdefault(_AUTHENTICATED_AGENTS, []).append(agent)
    role: Role = key.role  # type: ignore[assignment]
    return Principal(key_id=key.id, role=role, agent_id=key.agent_id)


def start_web_session(
    session: Session, secret: str, key_id: int, now: datetime, lifetime: timedelta
) -> str:
    """Store a new session for ``key_id`` and return its cookie; sessions past their
    expiry are deleted on the way, so the table holds only sessions that may still be used."""
    repository.delete_expired_web_sessions(session, now)
    issued = sessions.issue(secret, key_id, now, lifetime)
    row = WebSession(
        nonce=issued.session.nonce,
        key_id=key_id,
        created_at=now,
        expires_at=now + lifetime,
    )
    repository.add_web_session(session, row)
    return issued.cookie


def end_web_session(session: Session, secret: str, cookie: str | None, now: datetime) -> None:
    """Logout: the cookie's stored session goes, so a copy of the cookie is refused too."""
    web = sessions.read(secret, cookie, now)
    if web is not None:
        repository.delete_web_session(session, web.nonce)


@dataclass(frozen=True)
class EndedCredentials:
    keys_revoked: int
    sessions_ended: int


def end_agent_credentials(session: Session, agent_id: str, now: datetime) -> EndedCredentials:
    """Everything that lets the agent in stops working: their keys are revoked, their web
    sessions deleted and their calendar feed forgotten. Called when the agent is deactivated;
    reactivating them brings none of it back (they get a new key)."""
    keys_revoked = repository.revoke_agent_keys(session, agent_id, now)
    sessions_ended = repository.delete_web_sessions_of_keys(
        session, repository.agent_key_ids(session, agent_id)
    )
    repository.forget_calendar_feed(session, agent_id)
    return EndedCredentials(keys_revoked=keys_revoked, sessions_ended=sessions_ended)


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
