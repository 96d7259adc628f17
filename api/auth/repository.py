"""Queries on API keys and the web sessions opened with them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from api.db.models import Agent, ApiKey, WebSession


def find_active_by_hash(session: Session, key_hash: str) -> ApiKey | None:
    return session.scalars(
        select(ApiKey).where(ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None))
    ).first()


def find_active_by_id(session: Session, key_id: int) -> ApiKey | None:
    return session.scalars(
        select(ApiKey).where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
    ).first()


def add(session: Session, key: ApiKey) -> ApiKey:
    session.add(key)
    session.flush()
    return key


def agent_key_ids(session: Session, agent_id: str) -> list[int]:
    """Every key ever bound to the agent, revoked or not (their sessions go with the agent)."""
    return list(session.scalars(select(ApiKey.id).where(ApiKey.agent_id == agent_id)))


def revoke_agent_keys(session: Session, agent_id: str, now: datetime) -> int:
    """Revoke the agent's keys still active; how many were."""
    result = session.execute(
        update(ApiKey)
        .where(ApiKey.agent_id == agent_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def add_web_session(session: Session, web: WebSession) -> None:
    session.add(web)
    session.flush()


def find_live_web_session(
    session: Session, nonce: str, key_id: int, now: datetime
) -> WebSession | None:
    return session.scalars(
        select(WebSession).where(
            WebSession.nonce == nonce, WebSession.key_id == key_id, WebSession.expires_at > now
        )
    ).first()


def delete_web_session(session: Session, nonce: str) -> None:
    session.execute(delete(WebSession).where(WebSession.nonce == nonce))


def delete_web_sessions_of_keys(session: Session, key_ids: list[int]) -> int:
    if not key_ids:
        return 0
    result = session.execute(delete(WebSession).where(WebSession.key_id.in_(key_ids)))
    return int(result.rowcount)  # type: ignore[attr-defined]


def delete_expired_web_sessions(session: Session, now: datetime) -> int:
    result = session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    return int(result.rowcount)  # type: ignore[attr-defined]


def forget_calendar_feed(session: Session, agent_id: str) -> None:
    """The agent's feed URL stops answering (the feed is a credential like a key)."""
    session.execute(
        update(Agent)
        .where(Agent.id == agent_id)
        .values(calendar_feed_hash=None, calendar_feed_key_id=None)
        .execution_options(synchronize_session="fetch")
    )


def find_by_id(session: Session, key_id: int) -> ApiKey | None:
    """A key whether or not it was revoked, for listing and revoking."""
    return session.get(ApiKey, key_id)


def all_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))
