"""The waitlist: time off held back only by the day's allotment or the coverage floor waits,
and is approved automatically when a place frees.

A place frees when the facts those two rules read change: an open shift is picked up or a
swap published (coverage rises), a request is withdrawn or declined, or a manager loosens
the policy. Each of those use cases calls ``serve`` in its own transaction, after its own
change, with the period already locked for update: two frees at once are served one after
the other, and the second finds the request the first approved no longer waiting, so a
waiting request is approved exactly once.

``serve`` re-decides every waiting request of the period, oldest first, on the newest
version (each approval publishes the version the next one is decided on): one that the
policy now approves is approved with its reason; one that has become illegal or falls on a
new blackout day is declined; one a manager must now answer (its notice has run short, its
kind turned manual) goes to a manager; the others keep waiting, in order.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import Actor, SystemActor
from api.db.models import AgentRequest
from api.periods.service import require_period
from api.requests import decisions, repository
from api.requests.leaving import approve_leaving, evaluate
from api.requests.policies import Verdict
from api.requests.reasons import Reason
from api.sites.service import require_site

WAITLIST = SystemActor("waitlist")
"""Who approves from the waitlist, in the audit trail and on the request."""


def enter(session: Session, actor: Actor, request: AgentRequest, verdict: Verdict) -> None:
    """Put a time off on the waitlist, its place in line said in its reason."""
    ahead = sum(1 for r in repository.waitlisted(session, request.period_id) if r.id < request.id)
    request.status = "waitlisted"
    decisions.explain(
        session, request, [*verdict.reasons, Reason("waitlisted", {"position": ahead + 1})]
    )
    session.flush()
    record(
        session,
        actor,
        "wait",
        "agent_request",
        request.id,
        {"waiting_for": request.decision, "reason_codes": [r.code for r in verdict.reasons]},
    )


def serve(session: Session, period_id: int, now: datetime, freed_by: str) -> list[int]:
    """Approve the waiting requests a freed place now allows, oldest first; their ids.

    ``freed_by`` says what freed the place; it is written in the audit entry.
    """
    waiting = repository.waitlisted(session, period_id)
    if not waiting:
        return []
    period = require_period(session, period_id, lock="update")
    site = require_site(session, period.site_id)
    approved: list[int] = []
    for request in waiting:
        leaving = evaluate(session, request, site, now)
        outcome = leaving.verdict.outcome
        if outcome == "decline":
            decisions.close(session, WAITLIST, request, "declined", leaving.verdict.reasons, now)
        elif outcome == "manager":
            decisions.pending(session, WAITLIST, request, leaving.verdict)
        elif outcome == "approve":
            approve_leaving(
                session,
                WAITLIST,
                request,
                leaving.change,
                leaving.checked,
                [Reason("approved_from_waitlist"), *leaving.verdict.reasons[1:]],
                leaving.policy,
                now,
            )
            record(session, WAITLIST, "serve", "agent_request", request.id, {"freed_by": freed_by})
            approved.append(request.id)
    return approved
