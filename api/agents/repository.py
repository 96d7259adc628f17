"""Queries on agents."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.engine import is_sqlite
from api.db.models import Agent


def get(session: Session, agent_id: str, for_update: bool = False) -> Agent | None:
    """The agent; ``for_update`` locks the row on PostgreSQL. Otherwise (and on SQLite, whose
    write transaction already holds the database lock) an agent this session loaded already,
    as authentication does for an agent's key, is taken without asking the database again."""
    if for_update and not is_sqlite(session.get_bind()):
        return session.scalars(select(Agent).where(Agent.id == agent_id).with_for_update()).first()
    return session.get(Agent, agent_id)


def list_agents(session: Session, site_id: str | None = None) -> list[Agent]:
    query = select(Agent).order_by(Agent.id)
    if site_id is not None:
        query = query.where(Agent.site_id == site_id)
    return list(session.scalars(query))


def active_lines(
    session: Session, site_id: str, skill: str | None = None, country: str | None = None
) -> list[tuple[str, str]]:
    """``(id, country)`` of the site's active agents by id, with ``skill`` and ``country``
    when given. Reads those columns only, not whole agents: pages list thousands of them."""
    columns = [Agent.id, Agent.country] + ([Agent.skills] if skill is not None else [])
    query = select(*columns).where(Agent.site_id == site_id, Agent.active).order_by(Agent.id)
    if country is not None:
        query = query.where(func.upper(Agent.country) == country.upper())
    rows = session.execute(query).all()
    return [(row[0], row[1]) for row in rows if skill is None or skill in row[2]]


def country_by_agent(session: Session, site_id: str) -> dict[str, str]:
    """Where each of the site's agents works from (reads two columns)."""
    query = select(Agent.id, Agent.country).where(Agent.site_id == site_id)
    return {agent_id: country for agent_id, country in session.execute(query)}


def countries_of_site(session: Session, site_id: str) -> list[str]:
    query = select(Agent.country).where(Agent.site_id == site_id).distinct()
    return sorted(session.scalars(query))


def active_agents_of_site(
    session: Session, site_id: str, lock: bool = False, ids: Collection[str] | None = None
) -> list[Agent]:
    """Active agents of a site (of ``ids`` only, if given); ``lock`` takes shared row locks
    for a consistent snapshot."""
    query = select(Agent).where(Agent.site_id == site_id, Agent.active).order_by(Agent.id)
    if ids is not None:
        query = query.where(Agent.id.in_(list(ids)))
    if lock:
        query = query.with_for_update(read=True)
    return list(session.scalars(query))
