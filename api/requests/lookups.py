"""Finding what a request names, as the caller may see it: the agent asked for, the period
holding a span (locked for the decision), the newest published version, a shift, an open
shift, a request."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.agents.service import require_agent
from api.auth.keys import Principal
from api.db.models import (
    Agent,
    AgentRequest,
    OpenShift,
    PlanningPeriod,
    Roster,
    RosterShift,
    Site,
)
from api.errors import Conflict, Forbidden, NotFound, invalid
from api.periods import repository as periods
from api.periods.service import period_bounds, require_period
from api.requests import repository
from api.requests.policies import Policy
from api.rosters import repository as rosters
from api.sites.service import require_site


def policy_of(session: Session, site_id: str) -> Policy:
    row = repository.policy(session, site_id)
    return Policy() if row is None else Policy.model_validate(row.policy)


def own_agent(session: Session, actor: Principal, agent_id: str) -> Agent:
    """The agent a request is asked for: an agent asks for themself, a manager for anyone."""
    if actor.role == "agent" and actor.agent_id != agent_id:
        raise Forbidden("an agent may only ask for themself")
    return require_agent(session, agent_id)


def period_of(
    session: Session, agent: Agent, start: datetime, end: datetime
) -> tuple[PlanningPeriod, Site]:
    """The period of the agent's site holding ``[start, end)``, locked for the decision."""
    site = require_site(session, agent.site_id)
    for period in periods.of_site(session, site.id):
        first, last = period_bounds(site, period)
        if first <= start < last:
            if end > last:
                raise invalid(
                    "end",
                    f"the span runs past the end of period {period.id} "
                    f"({last.astimezone(ZoneInfo(agent.time_zone)):%Y-%m-%d %H:%M}); "
                    "ask once for each period",
                )
            return require_period(session, period.id, lock="update"), site
    raise invalid("start", "no planning period of your site holds this moment")


def published(session: Session, period: PlanningPeriod) -> Roster:
    base = rosters.published(session, period.id)
    if base is None:
        raise Conflict(
            "period_id",
            f"period {period.id} has no published roster yet: change your availability instead",
        )
    return base


def published_shift(session: Session, agent: Agent, shift_id: int) -> RosterShift:
    """The agent's shift, if it is in the newest published version; its period is locked
    first, so the version cannot change between this check and the decision."""
    shift = session.get(RosterShift, shift_id)
    if shift is None or shift.agent_id != agent.id:
        raise NotFound("shift", shift_id)
    roster = rosters.get(session, shift.roster_id)
    assert roster is not None
    require_period(session, roster.period_id, lock="update")
    current = rosters.published(session, roster.period_id)
    if current is None or current.id != roster.id:
        raise Conflict("shift_id", f"shift {shift_id} is not in the newest published roster")
    return shift


def open_shift(session: Session, agent: Agent, open_shift_id: int) -> OpenShift:
    shift = repository.open_shift(session, open_shift_id)
    if shift is None:
        raise NotFound("open shift", open_shift_id)
    period = require_period(session, shift.period_id)
    if period.site_id != agent.site_id:
        raise NotFound("open shift", open_shift_id)
    return shift


def pending_request(session: Session, request_id: int) -> AgentRequest:
    """A request a manager may still answer: pending, or waiting on the waitlist."""
    request = repository.get(session, request_id, for_update=True)
    if request is None:
        raise NotFound("request", request_id)
    if request.status not in ("pending", "waitlisted"):
        raise Conflict("request", f"request {request.id} is already {request.status}")
    return request


def visible_request(
    session: Session, actor: Principal, request_id: int, for_update: bool = False
) -> AgentRequest:
    """The request, if the caller may see it: staff see all; an agent sees their own, and a
    swap offered to them. Another agent's request is a 404 to an agent."""
    request = repository.get(session, request_id, for_update=for_update)
    if request is None or (actor.role == "agent" and not _sees(request, actor.agent_id)):
        raise NotFound("request", request_id)
    return request


def _sees(request: AgentRequest, agent_id: str | None) -> bool:
    return agent_id == request.agent_id or (
        request.kind == "swap"
        and (agent_id == request.colleague_id or agent_id in request.candidates)
    )


def current_shift(
    session: Session, base: Roster, agent_id: str, start: datetime, end: datetime
) -> RosterShift:
    """The agent's shift of exactly these hours in ``base``: a request made on an older
    version finds its shift again (shift rows are new in every version)."""
    for shift in rosters.shifts(session, base.id, agent_id, (start, end)):
        if shift.start == start and shift.end == end:
            return shift
    raise Conflict(
        "request", f"{agent_id}'s shift of these hours is no longer in the published roster"
    )
