"""Time off and drops: the agent's hours taken out of the published roster, checked whole,
decided by the policy, and on approval published with the freed hours posted as open shifts.

Asking (``api.requests.service``), a manager's approval and the waitlist
(``api.requests.waitlist``) all build and approve the change here, so the three cannot
drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.agents.service import require_agent
from api.auth.keys import Actor
from api.db.models import Absence, AgentRequest, OpenShift, Roster, Site
from api.periods.service import require_period
from api.requests import candidate, decisions, lookups
from api.requests.candidate import Checked, RosterChange, Weeks
from api.requests.lookups import policy_of
from api.requests.policies import Policy, Verdict, decide
from api.requests.reasons import Reason
from api.rosters import repository as rosters
from solver.roster import Span


@dataclass(frozen=True)
class Leaving:
    """A time off or drop rebuilt on the newest version, with the policy's verdict on it."""

    change: RosterChange
    checked: Checked
    policy: Policy
    verdict: Verdict


def evaluate(session: Session, request: AgentRequest, site: Site, now: datetime) -> Leaving:
    """The change built on the newest published version, checked, and decided by the policy
    (the "whole shift freed" note added to any verdict but a decline)."""
    agent = require_agent(session, request.agent_id)
    period = require_period(session, request.period_id)
    base = lookups.published(session, period)
    change, checked, note = leaving_change(session, request, base)
    policy = policy_of(session, site.id)
    drops = candidate.coverage_drops(base, checked, policy, site.slot_minutes)
    facts = decisions.facts(session, request, site, agent, now, checked, drops)
    verdict = decide(policy, facts)
    if note is not None and verdict.outcome != "decline":
        verdict = Verdict(verdict.outcome, [*verdict.reasons, note])
    request.impact = decisions.impact(checked, drops)
    return Leaving(change, checked, policy, verdict)


def leaving_change(
    session: Session, request: AgentRequest, base: Roster
) -> tuple[RosterChange, Checked, Reason | None]:
    """The agent's hit shifts trimmed around the span; when what is left breaks a rule, the
    whole shifts freed instead (said in ``note``)."""
    span = Span(start=request.start, end=request.end)
    hit = rosters.shifts(session, base.id, request.agent_id, (request.start, request.end))
    weeks = Weeks(session, base, [request.agent_id])
    change = candidate.time_off(base, hit, span)
    checked = weeks.check(change)
    if not checked.violations:
        return change, checked, None
    whole = candidate.time_off(base, hit, span, whole_shifts=True)
    whole_checked = weeks.check(whole)
    if whole_checked.violations:
        return change, checked, None
    return whole, whole_checked, Reason("whole_shift_freed", {"detail": checked.violations[0]})


def approve_leaving(
    session: Session,
    actor: Actor,
    request: AgentRequest,
    change: RosterChange,
    checked: Checked,
    reasons: list[Reason],
    policy: Policy,
    now: datetime,
) -> None:
    """Publish the change, record the time off as an absence, post the freed hours."""
    if change.removed or change.added:
        roster = candidate.publish_change(session, actor, change, checked, request.id, now)
        request.roster_id = roster.id
    if request.kind == "time_off":
        absence = Absence(
            agent_id=request.agent_id,
            start=request.start,
            end=request.end,
            reason=f"time off (request {request.id})",
            reported_by=actor.key_id,
            healed_at=None if policy.on_coverage_hole == "replan" and change.removed else now,
        )
        session.add(absence)
        session.flush()
        request.absence_id = absence.id
    for freed in change.freed:
        if (freed.end - freed.start) >= timedelta(minutes=checked.min_shift_minutes):
            session.add(
                OpenShift(
                    period_id=request.period_id,
                    start=freed.start,
                    end=freed.end,
                    breaks=[b.model_dump(mode="json") for b in freed.breaks],
                    activities=[a.model_dump(mode="json") for a in freed.activities],
                    freed_by_request_id=request.id,
                    status="open",
                )
            )
    decisions.close(session, actor, request, "approved", reasons, now)
