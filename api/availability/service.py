"""Agents submit, replace and withdraw their availability until the period's cut-off.

Every change takes a lock on the agent's row first (``FOR UPDATE`` on PostgreSQL; the write
transaction itself on SQLite), then reads what is stored, checks the whole resulting set and
writes it. Two submissions for one agent at once are therefore applied one after the other,
each checked against the other's windows: neither is lost, and overlaps cannot slip in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.agents.service import require_agent
from api.audit.repository import record
from api.auth.keys import Principal
from api.availability import repository
from api.availability.checks import (
    cap_notes,
    clip_to_period,
    closed_issues,
    contract_notes,
    offered_hours,
    window_issues,
)
from api.availability.schemas import (
    AvailabilityCheck,
    AvailabilityRead,
    AvailabilitySubmission,
    WindowRead,
)
from api.db.models import Agent, AvailabilityWindow, PlanningPeriod
from api.errors import Conflict, Forbidden, InvalidInput, NotFound, invalid
from api.periods.service import (
    availability_open,
    horizon_of,
    period_bounds,
    require_period,
    solver_queues,
)
from api.rosters import repository as rosters
from api.settings import Settings
from api.sites.service import require_site
from solver.problem import Agent as ProblemAgent
from solver.problem import Contract, TimeWindow


def _authorise(actor: Principal, agent_id: str, change: bool) -> None:
    if actor.role == "agent" and actor.agent_id != agent_id:
        raise Forbidden("an agent may only see and change their own availability")
    if change and actor.role == "planner":
        raise Forbidden("planners may read availability but not change it")


def _agent_in_period(session: Session, period: PlanningPeriod, agent_id: str, lock: bool) -> Agent:
    agent = require_agent(session, agent_id, for_update=lock)
    if agent.site_id != period.site_id:
        raise NotFound("agent", f"{agent_id} in period {period.id}")
    return agent


def read(session: Session, actor: Principal, period_id: int, agent_id: str) -> AvailabilityRead:
    _authorise(actor, agent_id, change=False)
    period = require_period(session, period_id)
    agent = _agent_in_period(session, period, agent_id, lock=False)
    return _to_read(session, period, agent)


def _to_read(
    session: Session,
    period: PlanningPeriod,
    agent: Agent,
    stored: list[AvailabilityWindow] | None = None,
    is_open: bool | None = None,
) -> AvailabilityRead:
    """The agent's windows for the period. A change passes what it just wrote (``stored``)
    and that the period is open (it checked before changing), sparing the queries."""
    if stored is None:
        stored = repository.of_agent(session, period.id, agent.id)
    if is_open is None:
        is_open = availability_open(session, period, datetime.now(UTC))
    return AvailabilityRead(
        period_id=period.id,
        agent_id=agent.id,
        time_zone=agent.time_zone,
        closes_at=period.availability_closes_at,
        open=is_open,
        windows=[WindowRead(id=w.id, start=w.start, end=w.end) for w in stored if not w.preferred],
        preferred=[WindowRead(id=w.id, start=w.start, end=w.end) for w in stored if w.preferred],
    )


def _open_for_change(
    session: Session, actor: Principal, period_id: int, agent_id: str, lock: bool = True
) -> tuple[PlanningPeriod, Agent]:
    _authorise(actor, agent_id, change=True)
    period = require_period(session, period_id)
    agent = _agent_in_period(session, period, agent_id, lock=lock)
    if datetime.now(UTC) >= period.availability_closes_at:
        raise Conflict(
            "period", f"availability closed at {period.availability_closes_at.isoformat()}"
        )
    if rosters.published_version(session, period.id) is not None:
        raise Conflict("period", "a roster of this period is published; availability is closed")
    return period, agent


@dataclass(frozen=True)
class Accepted:
    """A submission that passed every check, as it will be kept (clipped to the period)."""

    available: list[TimeWindow]
    new_windows: list[TimeWindow]
    new_preferred: list[TimeWindow]
    notes: list[str]
    stored: list[AvailabilityWindow]


def _resulting_windows(
    session: Session,
    settings: Settings,
    period: PlanningPeriod,
    agent: Agent,
    data: AvailabilitySubmission,
    replace: bool,
) -> Accepted:
    """The agent's windows once ``data`` is applied, after every check passes."""
    stored = [] if replace else repository.of_agent(session, period.id, agent.id)
    kept_available = [w for w in stored if not w.preferred]
    kept_preferred = [w for w in stored if w.preferred]
    total = len(stored) + len(data.windows) + len(data.preferred)
    if total > settings.max_windows_per_agent:
        raise invalid(
            "windows",
            f"{total} windows exceed the limit of {settings.max_windows_per_agent} "
            "per agent and period",
        )
    available = [TimeWindow(start=w.start, end=w.end) for w in kept_available]
    available += [TimeWindow(start=w.start, end=w.end) for w in data.windows]
    preferred = [TimeWindow(start=w.start, end=w.end) for w in kept_preferred]
    preferred += [TimeWindow(start=w.start, end=w.end) for w in data.preferred]
    labels = {
        "availability": [f"stored window {w.id}" for w in kept_available]
        + [f"windows[{i}]" for i in range(len(data.windows))],
        "preferred": [f"stored preferred window {w.id}" for w in kept_preferred]
        + [f"preferred[{i}]" for i in range(len(data.preferred))],
    }
    available, preferred, notes = _check(session, period, agent, available, preferred, labels)
    return Accepted(
        available=available,
        new_windows=available[len(kept_available) :],
        new_preferred=preferred[len(kept_preferred) :],
        notes=notes,
        stored=stored,
    )


def check(
    session: Session,
    actor: Principal,
    settings: Settings,
    period_id: int,
    agent_id: str,
    data: AvailabilitySubmission,
    replace: bool,
) -> AvailabilityCheck:
    """Every check ``submit`` makes, and the same errors, without storing anything."""
    period, agent = _open_for_change(session, actor, period_id, agent_id, lock=False)
    accepted = _resulting_windows(session, settings, period, agent, data, replace)
    hours = offered_hours(accepted.available, ZoneInfo(agent.time_zone))
    return AvailabilityCheck(
        period_id=period.id,
        agent_id=agent.id,
        valid=True,
        hours_offered=round(hours, 4),
        notes=accepted.notes,
    )


def submit(
    session: Session,
    actor: Principal,
    settings: Settings,
    period_id: int,
    agent_id: str,
    data: AvailabilitySubmission,
    replace: bool,
) -> AvailabilityRead:
    """Add windows (``replace=False``) or replace all of them; all or nothing.

    What is stored is what a solve will use: a window partly outside the period is stored
    clipped, and the answer's ``notes`` say so.
    """
    period, agent = _open_for_change(session, actor, period_id, agent_id)
    return _store(session, actor, settings, period, agent, data, replace, is_open=True)


def offer_extra_hours(
    session: Session,
    actor: Principal,
    settings: Settings,
    period_id: int,
    agent_id: str,
    data: AvailabilitySubmission,
) -> AvailabilityRead:
    """Windows added after publication (an agent offering extra hours), with every check
    ``submit`` makes; the published roster is not touched. Refused before publication
    (``submit`` is the way then) and once the period is over."""
    _authorise(actor, agent_id, change=True)
    period = require_period(session, period_id)
    agent = _agent_in_period(session, period, agent_id, lock=True)
    if rosters.published_version(session, period.id) is None:
        raise Conflict("period", "no roster of this period is published: submit availability")
    site = require_site(session, period.site_id)
    if datetime.now(UTC) >= period_bounds(site, period)[1]:
        raise Conflict("period", f"period {period.id} is over")
    return _store(session, actor, settings, period, agent, data, replace=False, is_open=False)


def _store(
    session: Session,
    actor: Principal,
    settings: Settings,
    period: PlanningPeriod,
    agent: Agent,
    data: AvailabilitySubmission,
    replace: bool,
    is_open: bool,
) -> AvailabilityRead:
    accepted = _resulting_windows(session, settings, period, agent, data, replace)
    if replace:
        repository.delete_of_agent(session, period.id, agent.id)
    added = [
        AvailabilityWindow(
            period_id=period.id, agent_id=agent.id, start=w.start, end=w.end, preferred=p
        )
        for p, group in ((False, accepted.new_windows), (True, accepted.new_preferred))
        for w in group
    ]
    repository.add_all(session, added)
    action = "replace" if replace else "submit"
    record(
        session,
        actor,
        action,
        "availability",
        f"{period.id}/{agent.id}",
        {"windows": len(data.windows), "preferred": len(data.preferred)},
    )
    windows = sorted(accepted.stored + added, key=lambda w: w.start)
    read = _to_read(session, period, agent, stored=windows, is_open=is_open)
    return read.model_copy(update={"notes": accepted.notes})


def _check(
    session: Session,
    period: PlanningPeriod,
    agent: Agent,
    available: list[TimeWindow],
    preferred: list[TimeWindow],
    labels: dict[str, list[str]],
) -> tuple[list[TimeWindow], list[TimeWindow], list[str]]:
    """Refuse the set if any window is wrong; else the windows clipped to the period, and notes."""
    site = require_site(session, period.site_id)
    horizon = horizon_of(site, period)
    probe = ProblemAgent(
        id=agent.id,
        time_zone=agent.time_zone,
        country=agent.country,
        skills=list(agent.skills),
        hourly_cost=agent.hourly_cost,
        contract=Contract(max_hours_per_week=60),
        availability=available,
        preferred=preferred,
    )
    issues = window_issues(horizon, solver_queues(session, site.id, "windows"), probe, labels)
    if issues:
        raise InvalidInput(issues)
    zone = ZoneInfo(agent.time_zone)
    clipped = clip_to_period(available, labels["availability"], zone, horizon)
    clipped_preferred = clip_to_period(preferred, labels["preferred"], zone, horizon)
    issues = clipped.issues + clipped_preferred.issues
    if issues:
        raise InvalidInput(issues)
    issues = closed_issues(clipped.windows, labels["availability"], zone, horizon)
    if issues:
        raise InvalidInput(issues)
    below = contract_notes(clipped.windows, zone, horizon, agent.contract_min_hours_per_week)
    capped = cap_notes(
        clipped.windows,
        zone,
        period.first_day,
        agent.aid_cap_hours_per_week,
        agent.aid_cap_hours_per_day,
    )
    return (
        clipped.windows,
        clipped_preferred.windows,
        clipped.notes + clipped_preferred.notes + capped + below,
    )


def withdraw(
    session: Session,
    actor: Principal,
    period_id: int,
    agent_id: str,
    window_id: int | None = None,
) -> AvailabilityRead:
    """Withdraw one window, or all of the agent's windows for the period."""
    period, agent = _open_for_change(session, actor, period_id, agent_id)
    if window_id is None:
        removed = repository.delete_of_agent(session, period.id, agent.id)
    else:
        window = session.get(AvailabilityWindow, window_id)
        if window is None or window.agent_id != agent.id or window.period_id != period.id:
            raise NotFound("window", window_id)
        session.delete(window)
        session.flush()
        removed = 1
    record(
        session, actor, "withdraw", "availability", f"{period.id}/{agent.id}", {"removed": removed}
    )
    return _to_read(session, period, agent)
