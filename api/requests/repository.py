"""Queries on agents' requests, open shifts and request policies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.db.models import Agent, AgentRequest, OpenShift, PlanningPeriod, RequestPolicy


def get(session: Session, request_id: int, for_update: bool = False) -> AgentRequest | None:
    query = select(AgentRequest).where(AgentRequest.id == request_id)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).first()


def of_agent(session: Session, agent_id: str) -> list[AgentRequest]:
    query = select(AgentRequest).where(AgentRequest.agent_id == agent_id)
    return list(session.scalars(query.order_by(AgentRequest.id.desc())))


def listing(session: Session, status: str | None, site_id: str | None) -> list[AgentRequest]:
    query = select(AgentRequest)
    if status is not None:
        query = query.where(AgentRequest.status == status)
    if site_id is not None:
        query = query.join(Agent, Agent.id == AgentRequest.agent_id).where(Agent.site_id == site_id)
    return list(session.scalars(query.order_by(AgentRequest.id)))


def offered_swaps(session: Session, site_id: str) -> list[AgentRequest]:
    """Swaps of the site's agents still waiting for a colleague."""
    query = (
        select(AgentRequest)
        .join(Agent, Agent.id == AgentRequest.agent_id)
        .where(
            Agent.site_id == site_id,
            AgentRequest.kind == "swap",
            AgentRequest.status == "offered",
        )
    )
    return list(session.scalars(query.order_by(AgentRequest.id)))


def approved_time_off(
    session: Session, period_id: int, start: datetime, end: datetime
) -> list[AgentRequest]:
    """Approved time off in the period overlapping ``[start, end)``."""
    query = select(AgentRequest).where(
        AgentRequest.period_id == period_id,
        AgentRequest.kind == "time_off",
        AgentRequest.status == "approved",
        AgentRequest.start < end,
        AgentRequest.end > start,
    )
    return list(session.scalars(query))


def policy(session: Session, site_id: str) -> RequestPolicy | None:
    return session.get(RequestPolicy, site_id)


def open_shift(session: Session, open_shift_id: int) -> OpenShift | None:
    return session.get(OpenShift, open_shift_id)


def open_shifts_of_period(session: Session, period_id: int) -> list[OpenShift]:
    query = select(OpenShift).where(OpenShift.period_id == period_id, OpenShift.status == "open")
    return list(session.scalars(query.order_by(OpenShift.start, OpenShift.id)))


def open_shifts_of_site(session: Session, site_id: str, after: datetime) -> list[OpenShift]:
    """Open shifts of the site's periods that start after ``after``."""
    query = (
        select(OpenShift)
        .join(PlanningPeriod, PlanningPeriod.id == OpenShift.period_id)
        .where(
            PlanningPeriod.site_id == site_id,
            OpenShift.status == "open",
            OpenShift.start > after,
        )
    )
    return list(session.scalars(query.order_by(OpenShift.start, OpenShift.id)))


def claim(session: Session, shift: OpenShift, agent_id: str) -> bool:
    """Take the open shift for ``agent_id`` if it is still open; False if someone has it.

    One conditional UPDATE: of two transactions claiming the same shift, the second waits
    for the first's row lock and then finds the shift no longer open.
    """
    result = session.execute(
        update(OpenShift)
        .where(OpenShift.id == shift.id, OpenShift.status == "open")
        .values(status="taken", taken_by=agent_id)
        .execution_options(synchronize_session=False)
    )
    session.refresh(shift)
    return int(result.rowcount) == 1  # type: ignore[attr-defined]


def waitlisted(session: Session, period_id: int) -> list[AgentRequest]:
    """The period's waiting time off, oldest first (the waitlist's order)."""
    query = select(AgentRequest).where(
        AgentRequest.period_id == period_id, AgentRequest.status == "waitlisted"
    )
    return list(session.scalars(query.order_by(AgentRequest.id).with_for_update()))


def open_shifts_starting(
    session: Session, site_id: str, after: datetime, until: datetime
) -> list[OpenShift]:
    """Open shifts of the site's periods starting in ``(after, until]``."""
    query = (
        select(OpenShift)
        .join(PlanningPeriod, PlanningPeriod.id == OpenShift.period_id)
        .where(
            PlanningPeriod.site_id == site_id,
            OpenShift.status == "open",
            OpenShift.start > after,
            OpenShift.start <= until,
        )
    )
    return list(session.scalars(query.order_by(OpenShift.period_id, OpenShift.start)))


def hold(session: Session, open_shift_ids: list[int], status_from: str, status_to: str) -> int:
    """Move the shifts still in ``status_from`` to ``status_to``; how many moved (one
    conditional UPDATE: a shift picked up meanwhile is left alone)."""
    result = session.execute(
        update(OpenShift)
        .where(OpenShift.id.in_(open_shift_ids), OpenShift.status == status_from)
        .values(status=status_to)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def policies(session: Session) -> list[RequestPolicy]:
    return list(session.scalars(select(RequestPolicy).order_by(RequestPolicy.site_id)))
