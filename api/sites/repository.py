"""Queries on sites and queues."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from api.db.models import DemandSeries, Queue, Site


def get_site(session: Session, site_id: str, lock: str | None = None) -> Site | None:
    """The site; ``lock`` is None, "share" (snapshots) or "update" (queue changes)."""
    query = select(Site).where(Site.id == site_id)
    if lock is not None:
        query = query.with_for_update(read=lock == "share")
    return session.scalars(query).first()


def list_sites(session: Session) -> list[Site]:
    return list(session.scalars(select(Site).order_by(Site.id)))


def get_queue(session: Session, queue_id: str) -> Queue | None:
    return session.get(Queue, queue_id)


def queues_of_site(session: Session, site_id: str) -> list[Queue]:
    return list(session.scalars(select(Queue).where(Queue.site_id == site_id).order_by(Queue.id)))


def skills_of_site(session: Session, site_id: str) -> set[str]:
    return set(session.scalars(select(Queue.skill).where(Queue.site_id == site_id)))


def queue_has_demand(session: Session, queue_id: str) -> bool:
    return bool(session.scalar(select(exists().where(DemandSeries.queue_id == queue_id))))
