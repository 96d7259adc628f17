"""Queries on availability windows."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.db.models import AvailabilityWindow


def of_agent(session: Session, period_id: int, agent_id: str) -> list[AvailabilityWindow]:
    query = select(AvailabilityWindow).where(
        AvailabilityWindow.period_id == period_id, AvailabilityWindow.agent_id == agent_id
    )
    return list(session.scalars(query.order_by(AvailabilityWindow.start)))


def of_period(
    session: Session, period_id: int, agent_ids: Collection[str] | None = None
) -> list[AvailabilityWindow]:
    query = select(AvailabilityWindow).where(AvailabilityWindow.period_id == period_id)
    if agent_ids is not None:
        query = query.where(AvailabilityWindow.agent_id.in_(list(agent_ids)))
    return list(
        session.scalars(query.order_by(AvailabilityWindow.agent_id, AvailabilityWindow.start))
    )


def delete_of_agent(session: Session, period_id: int, agent_id: str) -> int:
    result = session.execute(
        delete(AvailabilityWindow).where(
            AvailabilityWindow.period_id == period_id, AvailabilityWindow.agent_id == agent_id
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def add_all(session: Session, windows: list[AvailabilityWindow]) -> None:
    session.add_all(windows)
    session.flush()
