"""Agents' requests after publication: time off, dropping a shift, picking up an open shift.

Every request is answered in the transaction that asks it: the site's policy
(``api.requests.policies``) and the verifier's verdict on the changed roster
(``api.requests.candidate``) approve it, decline it or send it to a manager, with the reason.
An approval publishes a new version through the one ``publish``; hours freed become open
shifts. Each decision first locks the period for update, so two requests on one period are
decided one after the other, each on the version the previous one published.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.agents.service import readable_agent
from api.audit.repository import record
from api.auth.keys import Principal
from api.availability import service as availability
from api.availability.schemas import AvailabilitySubmission
from api.db.models import (
    AgentRequest,
    OpenShift,
    RequestPolicy,
    Site,
)
from api.errors import Conflict, Forbidden, NotFound, invalid
from api.periods import repository as periods
from api.periods.service import require_period
from api.requests import candidate, decisions, lookups, repository, swaps, waitlist
from api.requests.candidate import Checked, RosterChange, Weeks
from api.requests.leaving import approve_leaving, evaluate, leaving_change
from api.requests.lookups import policy_of
from api.requests.policies import Policy, Verdict, decide
from api.requests.reasons import Reason, render_all
from api.requests.schemas import (
    DeclineBody,
    DropCreate,
    ExtraHoursCreate,
    ExtraHoursRead,
    OpenShiftRead,
    PickUpCreate,
    RequestRead,
    TimeOffCreate,
)
from api.rosters import repository as rosters
from api.settings import Settings
from api.sites import repository as sites
from api.sites.service import require_site
from solver.local_time import to_utc


def read_policy(session: Session, site_id: str) -> Policy:
    return policy_of(session, require_site(session, site_id).id)


def replace_policy(
    session: Session, actor: Principal, site_id: str, policy: Policy, now: datetime
) -> Policy:
    """Store the site's policy; a looser one may free places, so each period's waitlist is
    served at once."""
    require_site(session, site_id, lock="update")
    known = {q.id for q in sites.queues_of_site(session, site_id)}
    for queue in sorted(set(policy.queue_min_coverage_ratio) - known):
        raise invalid(
            f"queue_min_coverage_ratio.{queue}", f"site {site_id!r} has no queue {queue!r}"
        )
    row = repository.policy(session, site_id)
    stored = policy.model_dump(mode="json")
    if row is None:
        session.add(RequestPolicy(site_id=site_id, policy=stored))
    else:
        row.policy = stored
    session.flush()
    record(session, actor, "replace", "request_policy", site_id, stored)
    for period in periods.of_site(session, site_id):
        waitlist.serve(session, period.id, now, "the request policy changed")
    return policy


# -- asking ---------------------------------------------------------------------------------


def ask_time_off(
    session: Session,
    actor: Principal,
    agent_id: str,
    body: TimeOffCreate,
    now: datetime,
    language: str = "en",
) -> RequestRead:
    agent = lookups.own_agent(session, actor, agent_id)
    period, site = lookups.period_of(session, agent, body.start, body.end)
    request = decisions.new_request(
        session, actor, "time_off", agent, period, body.start, body.end, body.note
    )
    _decide_leaving(session, actor, request, site, now)
    return decisions.to_read(session, request, language)


def ask_drop(
    session: Session,
    actor: Principal,
    agent_id: str,
    body: DropCreate,
    now: datetime,
    language: str = "en",
) -> RequestRead:
    agent = lookups.own_agent(session, actor, agent_id)
    shift = lookups.published_shift(session, agent, body.shift_id)
    period, site = lookups.period_of(session, agent, shift.start, shift.end)
    request = decisions.new_request(
        session, actor, "drop", agent, period, shift.start, shift.end, body.note
    )
    _decide_leaving(session, actor, request, site, now)
    return decisions.to_read(session, request, language)


def ask_pick_up(
    session: Session,
    actor: Principal,
    agent_id: str,
    body: PickUpCreate,
    now: datetime,
    language: str = "en",
) -> RequestRead:
    """Take an open shift: refused (409, nothing written) when it is gone or the agent may
    not legally work it; approved at once, or held for a manager when the policy says so."""
    agent = lookups.own_agent(session, actor, agent_id)
    shift = lookups.open_shift(session, agent, body.open_shift_id)
    period = require_period(session, shift.period_id, lock="update")
    site = require_site(session, period.site_id)
    if shift.status != "open":
        raise Conflict("open_shift_id", f"open shift {shift.id} was taken by another agent")
    request = decisions.new_request(
        session, actor, "pick_up", agent, period, shift.start, shift.end, body.note
    )
    request.open_shift_id = shift.id
    base = lookups.published(session, period)
    change = RosterChange(base=base, added=[candidate.open_shift_for(shift, agent.id)])
    checked = candidate.check(session, change)
    if checked.violations:
        raise Conflict(
            "open_shift_id",
            f"you may not work open shift {shift.id}: {checked.violations[0]}",
        )
    verdict = decide(
        policy_of(session, site.id),
        decisions.facts(session, request, site, agent, now, checked, []),
    )
    if verdict.outcome == "decline":
        raise Conflict(
            "open_shift_id", render_all(verdict.reasons, "en", ZoneInfo(agent.time_zone))
        )
    request.impact = decisions.impact(checked, [])
    if verdict.outcome == "manager":
        decisions.pending(session, actor, request, verdict)
    else:
        _take(session, actor, request, shift, change, checked, verdict, now)
    return decisions.to_read(session, request, language)


def offer_extra_hours(
    session: Session,
    actor: Principal,
    settings: Settings,
    agent_id: str,
    body: ExtraHoursCreate,
    now: datetime,
    language: str = "en",
) -> ExtraHoursRead:
    """New windows after publication, kept by the availability checks (aid cap: kept with a
    note); the open shifts the agent may now legally work come back with them."""
    agent = lookups.own_agent(session, actor, agent_id)
    period = require_period(session, body.period_id, lock="update")
    if period.site_id != agent.site_id:
        raise NotFound("period", body.period_id)
    submission = AvailabilitySubmission(windows=body.windows)
    stored = availability.offer_extra_hours(
        session, actor, settings, period.id, agent.id, submission
    )
    zone = ZoneInfo(agent.time_zone)
    start = min(to_utc(w.start, zone) for w in body.windows)
    end = max(to_utc(w.end, zone) for w in body.windows)
    request = decisions.new_request(session, actor, "extra_hours", agent, period, start, end, "")
    offered = open_shifts_for(session, actor, agent.id, now)
    decisions.close(
        session,
        actor,
        request,
        "approved",
        [Reason("extra_hours_recorded", {"count": len(offered)})],
        now,
    )
    return ExtraHoursRead(
        request=decisions.to_read(session, request, language),
        availability=stored,
        open_shifts=offered,
    )


def _decide_leaving(
    session: Session, actor: Principal, request: AgentRequest, site: Site, now: datetime
) -> None:
    """Time off or a drop: the change checked whole, then the policy's verdict applied."""
    leaving = evaluate(session, request, site, now)
    verdict = leaving.verdict
    if verdict.outcome == "decline":
        decisions.close(session, actor, request, "declined", verdict.reasons, now)
    elif verdict.outcome == "manager":
        decisions.pending(session, actor, request, verdict)
    elif verdict.outcome == "waitlist":
        waitlist.enter(session, actor, request, verdict)
    else:
        approve_leaving(
            session,
            actor,
            request,
            leaving.change,
            leaving.checked,
            verdict.reasons,
            leaving.policy,
            now,
        )


# -- deciding ---------------------------------------------------------------------------------


def _take(
    session: Session,
    actor: Principal,
    request: AgentRequest,
    shift: OpenShift,
    change: RosterChange,
    checked: Checked,
    verdict: Verdict,
    now: datetime,
) -> None:
    if not repository.claim(session, shift, request.agent_id):
        raise Conflict("open_shift_id", f"open shift {shift.id} was taken by another agent")
    roster = candidate.publish_change(session, actor, change, checked, request.id, now)
    request.roster_id = roster.id
    decisions.close(session, actor, request, "approved", verdict.reasons, now)
    waitlist.serve(session, request.period_id, now, f"open shift {shift.id} picked up")


def approve(
    session: Session, actor: Principal, request_id: int, now: datetime, language: str = "en"
) -> RequestRead:
    """A manager's approval of a pending request: the change is rebuilt on the newest
    version and checked whole again (the policy is the manager's call, the rules are not)."""
    request = lookups.pending_request(session, request_id)
    period = require_period(session, request.period_id, lock="update")
    site = require_site(session, period.site_id)
    base = lookups.published(session, period)
    reason = Reason("approved_by_manager")
    if request.kind == "swap":
        assert request.colleague_id is not None
        change = swaps.change_of(session, request, base, request.colleague_id)
        checked = candidate.check(session, change)
        _refuse_illegal(checked)
        swaps.approve_swap(
            session, actor, request, change, checked, Verdict("approve", [reason]), now
        )
    elif request.kind == "pick_up":
        assert request.open_shift_id is not None
        shift = repository.open_shift(session, request.open_shift_id)
        assert shift is not None
        change = RosterChange(base=base, added=[candidate.open_shift_for(shift, request.agent_id)])
        checked = candidate.check(session, change)
        _refuse_illegal(checked)
        _take(session, actor, request, shift, change, checked, Verdict("approve", [reason]), now)
    else:
        change, checked, note = leaving_change(session, request, base)
        _refuse_illegal(checked)
        policy = policy_of(session, site.id)
        drops = candidate.coverage_drops(base, checked, policy, site.slot_minutes)
        request.impact = decisions.impact(checked, drops)
        reasons = [reason] if note is None else [reason, note]
        approve_leaving(session, actor, request, change, checked, reasons, policy, now)
    return decisions.to_read(session, request, language)


def _refuse_illegal(checked: Checked) -> None:
    if checked.violations:
        raise Conflict(
            "request", f"the roster would break a working-time rule: {checked.violations[0]}"
        )


def decline(
    session: Session,
    actor: Principal,
    request_id: int,
    body: DeclineBody,
    now: datetime,
    language: str = "en",
) -> RequestRead:
    request = lookups.pending_request(session, request_id)
    reasons = [Reason("declined_by_manager")]
    if body.note:
        reasons.append(Reason("manager_note", {"note": body.note}))
    decisions.close(session, actor, request, "declined", reasons, now)
    waitlist.serve(session, request.period_id, now, f"request {request.id} declined")
    return decisions.to_read(session, request, language)


def withdraw(
    session: Session, actor: Principal, request_id: int, now: datetime, language: str = "en"
) -> RequestRead:
    request = lookups.visible_request(session, actor, request_id, for_update=True)
    if request.status not in ("pending", "offered", "waitlisted"):
        raise Conflict("request", f"request {request.id} is already {request.status}")
    if actor.role == "agent" and actor.agent_id != request.agent_id:
        raise Forbidden("only the agent who asked may withdraw a request")
    decisions.close(session, actor, request, "withdrawn", [Reason("withdrawn")], now)
    waitlist.serve(session, request.period_id, now, f"request {request.id} withdrawn")
    return decisions.to_read(session, request, language)


# -- reading ---------------------------------------------------------------------------------


def read(session: Session, actor: Principal, request_id: int, language: str = "en") -> RequestRead:
    request = lookups.visible_request(session, actor, request_id)
    return decisions.to_read(session, request, language)


def of_agent(
    session: Session, actor: Principal, agent_id: str, language: str = "en"
) -> list[RequestRead]:
    agent = readable_agent(session, actor, agent_id)
    return [decisions.to_read(session, r, language) for r in repository.of_agent(session, agent.id)]


def listing(
    session: Session, status: str | None, site_id: str | None, language: str = "en"
) -> list[RequestRead]:
    """Requests (a manager's pending list with ``status="pending"``), oldest first."""
    return [
        decisions.to_read(session, r, language)
        for r in repository.listing(session, status, site_id)
    ]


def open_shifts_for(
    session: Session, actor: Principal, agent_id: str, now: datetime
) -> list[OpenShiftRead]:
    """The open shifts this agent may legally work: each checked by the verifier on the
    agent's week with the shift added."""
    agent = readable_agent(session, actor, agent_id)
    zone = ZoneInfo(agent.time_zone)
    by_period: dict[int, list[OpenShift]] = {}
    for shift in repository.open_shifts_of_site(session, agent.site_id, now):
        by_period.setdefault(shift.period_id, []).append(shift)
    legal: list[OpenShift] = []
    for period_id, shifts in by_period.items():
        base = rosters.published(session, period_id)
        if base is None:
            continue
        weeks = Weeks(session, base, [agent.id])
        if not weeks.problem.agents:
            continue
        for shift in shifts:
            change = RosterChange(base=base, added=[candidate.open_shift_for(shift, agent.id)])
            if not weeks.check(change).violations:
                legal.append(shift)
    return [decisions.open_shift_read(s, zone) for s in legal]


def open_shifts_of_period(session: Session, period_id: int) -> list[OpenShiftRead]:
    period = require_period(session, period_id)
    zone = ZoneInfo(require_site(session, period.site_id).time_zone)
    return [
        decisions.open_shift_read(s, zone)
        for s in repository.open_shifts_of_period(session, period_id)
    ]
