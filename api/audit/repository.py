"""Writing and reading audit entries (in the caller's transaction)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.keys import Actor
from api.db.models import AuditEntry


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    detail: dict[str, Any] | None = None,
) -> None:
    """Note a change; it commits or rolls back together with the change itself.

    ``actor`` is a request's principal or a :class:`~api.auth.keys.SystemActor` (the CLI).
    """
    session.add(
        AuditEntry(
            actor_key_id=actor.key_id,
            actor_role=actor.role,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            detail=detail or {},
        )
    )


def latest(
    session: Session, entity: str | None = None, entity_id: str | None = None, limit: int = 100
) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id:
        query = query.where(AuditEntry.entity_id == entity_id)
    return list(session.scalars(query))
