"""Recording a request and its decision: the row, the facts the policy reads, the impact a
manager sees, the audit entry, and the wire format."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.agents.service import require_agent
from api.audit.repository import record
from api.auth.keys import Actor, Principal
from api.db.models import (
    Agent,
    AgentRequest,
    OpenShift,
    PlanningPeriod,
    Site,
)
from api.requests import repository
from api.requests.candidate import Checked
from api.requests.policies import CoverageDrop, Facts, RequestKind, Verdict
from api.requests.reasons import Reason, render, render_all
from api.requests.schemas import (
    OpenShiftRead,
    ReasonRead,
    RequestRead,
)
from api.rosters import repository as rosters
from api.rosters.schemas import SpanRead
from solver.local_time import day_start_utc

ACTIONS = {
    "approved": "approve",
    "declined": "decline",
    "withdrawn": "withdraw",
    "offered": "offer",
    "waitlisted": "wait",
}


def explain(session: Session, request: AgentRequest, reasons: list[Reason]) -> None:
    """Store the reasons as codes and parameters, and their English words for the record
    (the audit trail, rows written before reasons had codes)."""
    zone = ZoneInfo(require_agent(session, request.agent_id).time_zone)
    request.reasons = [r.as_json() for r in reasons]
    request.decision = render_all(reasons, "en", zone)


def pending(session: Session, actor: Actor, request: AgentRequest, verdict: Verdict) -> None:
    request.status = "pending"
    explain(session, request, verdict.reasons)
    session.flush()
    record(
        session,
        actor,
        "ask",
        "agent_request",
        request.id,
        {"to_manager": request.decision, "reason_codes": [r.code for r in verdict.reasons]},
    )


def record_offer(session: Session, actor: Principal, request: AgentRequest) -> None:
    record(
        session,
        actor,
        ACTIONS["offered"],
        "agent_request",
        request.id,
        {"kind": request.kind, "to": request.colleague_id or request.candidates},
    )


def close(
    session: Session,
    actor: Actor,
    request: AgentRequest,
    status: str,
    reasons: list[Reason],
    now: datetime,
) -> None:
    request.status = status
    explain(session, request, reasons)
    request.decided_at = now
    request.decided_by = actor.key_id
    session.flush()
    record(
        session,
        actor,
        ACTIONS[status],
        "agent_request",
        request.id,
        {
            "kind": request.kind,
            "agent_id": request.agent_id,
            "reason": request.decision,
            "reason_codes": [r.code for r in reasons],
        },
    )


def to_read(session: Session, request: AgentRequest, language: str = "en") -> RequestRead:
    """The request for the wire, its reasons in ``language`` (times in the agent's zone)."""
    zone = ZoneInfo(require_agent(session, request.agent_id).time_zone)
    roster = rosters.get(session, request.roster_id) if request.roster_id else None
    reasons = [Reason.from_json(r) for r in request.reasons or []]
    return RequestRead(
        id=request.id,
        kind=request.kind,
        agent_id=request.agent_id,
        period_id=request.period_id,
        status=request.status,
        start=request.start,
        end=request.end,
        local_start=request.start.astimezone(zone),
        local_end=request.end.astimezone(zone),
        open_shift_id=request.open_shift_id,
        colleague_id=request.colleague_id,
        candidates=list(request.candidates),
        note=request.note,
        decision=render_all(reasons, language, zone) if reasons else request.decision,
        reasons=[
            ReasonRead(code=r.code, params=r.params, text=render(r, language, zone))
            for r in reasons
        ],
        impact=request.impact,
        version=roster.version if roster is not None else None,
        created_at=request.created_at,
        decided_at=request.decided_at,
    )


def new_request(
    session: Session,
    actor: Principal,
    kind: RequestKind,
    agent: Agent,
    period: PlanningPeriod,
    start: datetime,
    end: datetime,
    note: str,
) -> AgentRequest:
    request = AgentRequest(
        kind=kind,
        agent_id=agent.id,
        period_id=period.id,
        status="pending",
        start=start,
        end=end,
        note=note,
        impact={},
        created_by=actor.key_id,
    )
    session.add(request)
    session.flush()
    return request


def site_days(site: Site, start: datetime, end: datetime) -> list[date]:
    zone = ZoneInfo(site.time_zone)
    day, last = (
        start.astimezone(zone).date(),
        (end - timedelta(microseconds=1)).astimezone(zone).date(),
    )
    days = []
    while day <= last:
        days.append(day)
        day += timedelta(days=1)
    return days


def off_per_day(
    session: Session, request: AgentRequest, site: Site, days: list[date]
) -> dict[date, int]:
    if request.kind != "time_off":
        return {}
    zone = ZoneInfo(site.time_zone)
    counts = {}
    for day in days:
        start, end = day_start_utc(day, zone), day_start_utc(day + timedelta(days=1), zone)
        others = repository.approved_time_off(session, request.period_id, start, end)
        counts[day] = len({r.agent_id for r in others if r.agent_id != request.agent_id})
    return counts


def facts(
    session: Session,
    request: AgentRequest,
    site: Site,
    agent: Agent,
    now: datetime,
    checked: Checked,
    drops: list[CoverageDrop],
) -> Facts:
    days = site_days(site, request.start, request.end)
    return Facts(
        kind=request.kind,  # type: ignore[arg-type]
        start=request.start,
        now=now,
        zone=ZoneInfo(agent.time_zone),
        site_days=days,
        off_per_day=off_per_day(session, request, site, days),
        drops=drops,
        violations=checked.violations,
    )


def impact(checked: Checked, drops: list[CoverageDrop]) -> dict[str, object]:
    return {
        "hours": checked.hours_delta,
        "cost": checked.cost_delta,
        "coverage": [
            {
                "queue": d.queue,
                "start": d.start.isoformat(),
                "end": d.end.isoformat(),
                "required": d.required,
                "before": d.before,
                "after": d.after,
            }
            for d in drops
        ],
    }


def open_shift_read(shift: OpenShift, zone: ZoneInfo) -> OpenShiftRead:
    paid = (shift.end - shift.start).total_seconds()
    for pause in shift.breaks:
        paid -= (
            datetime.fromisoformat(pause["end"]) - datetime.fromisoformat(pause["start"])
        ).total_seconds()
    return OpenShiftRead(
        id=shift.id,
        period_id=shift.period_id,
        start=shift.start,
        end=shift.end,
        local_start=shift.start.astimezone(zone),
        local_end=shift.end.astimezone(zone),
        breaks=[SpanRead.model_validate(b) for b in shift.breaks],
        queues=sorted({a["queue"] for a in shift.activities}),
        hours=round(paid / 3600, 2),
        status=shift.status,
    )
