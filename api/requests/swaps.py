"""Swaps: an agent offers a published shift to a named colleague (optionally for one of
theirs) or to the colleagues who may legally take it, best first; both must agree.

Offering checks nothing is written unless someone could take it; accepting rebuilds the
swap on the newest version (its shifts found again by their hours), checks the two weeks
whole with the verifier, then applies the site's policy as any request. A shift dropped,
taken off or swapped meanwhile makes the acceptance a clean 409.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.agents import repository as agents
from api.agents.service import require_agent
from api.auth.keys import Principal
from api.availability import repository as availability
from api.db.models import Agent, AgentRequest, Roster, RosterShift
from api.errors import Conflict, NotFound, invalid
from api.periods.service import require_period
from api.requests import candidate, decisions, lookups, repository, waitlist
from api.requests.candidate import RosterChange, Weeks
from api.requests.policies import Verdict, decide
from api.requests.reasons import Reason
from api.requests.schemas import RequestRead, SwapCreate
from api.rosters import repository as rosters
from api.rosters.comparison import paid_hours
from api.sites.service import require_site
from solver.local_time import to_utc

LISTED_TAKERS = 5
CHECKED_TAKERS = 30


def swap_change(
    base: Roster, mine: RosterShift, colleague_id: str, theirs: RosterShift | None
) -> RosterChange:
    removed = [mine] if theirs is None else [mine, theirs]
    added = [candidate.moved_to(mine, colleague_id)]
    if theirs is not None:
        added.append(candidate.moved_to(theirs, mine.agent_id))
    return RosterChange(base=base, removed=removed, added=added)


def ask_swap(
    session: Session,
    actor: Principal,
    agent_id: str,
    body: SwapCreate,
    now: datetime,
    language: str = "en",
) -> RequestRead:
    agent = lookups.own_agent(session, actor, agent_id)
    mine = lookups.published_shift(session, agent, body.shift_id)
    period, _site = lookups.period_of(session, agent, mine.start, mine.end)
    base = lookups.published(session, period)
    request = decisions.new_request(
        session, actor, "swap", agent, period, mine.start, mine.end, body.note
    )
    if body.colleague_id is not None:
        colleague = _colleague(session, agent, body.colleague_id)
        theirs = None
        if body.their_shift_id is not None:
            theirs = lookups.published_shift(session, colleague, body.their_shift_id)
            request.their_start, request.their_end = theirs.start, theirs.end
        checked = candidate.check(session, swap_change(base, mine, colleague.id, theirs))
        if checked.violations:
            raise Conflict(
                "colleague_id", f"you and {colleague.id} cannot swap: {checked.violations[0]}"
            )
        request.colleague_id = colleague.id
        decisions.explain(session, request, [Reason("swap_waiting", {"colleague": colleague.id})])
    else:
        if body.their_shift_id is not None:
            raise invalid("their_shift_id", "a shift in exchange needs the colleague_id too")
        request.candidates = takers(session, base, mine, agent)
        if not request.candidates:
            raise Conflict("shift_id", "no colleague may legally take this shift")
        decisions.explain(
            session, request, [Reason("swap_offered", {"colleagues": list(request.candidates)})]
        )
    request.status = "offered"
    session.flush()
    decisions.record_offer(session, actor, request)
    return decisions.to_read(session, request, language)


def _colleague(session: Session, agent: Agent, colleague_id: str) -> Agent:
    colleague = agents.get(session, colleague_id)
    if colleague is None or colleague.site_id != agent.site_id or not colleague.active:
        raise invalid("colleague_id", f"no colleague {colleague_id!r} at your site")
    if colleague.id == agent.id:
        raise invalid("colleague_id", "a swap needs another agent")
    return colleague


def takers(session: Session, base: Roster, shift: RosterShift, owner: Agent) -> list[str]:
    """Colleagues who may legally take ``shift``, those furthest below their contract
    minimum first, then the cheapest.

    Only colleagues whose stated availability holds the shift are checked (a cheap
    pre-selection on the windows the verifier itself reads); the verifier decides for each.
    """
    windows: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for window in availability.of_period(session, base.period_id):
        if not window.preferred:
            windows[window.agent_id].append((window.start, window.end))
    pool = [
        a
        for a in agents.active_agents_of_site(session, owner.site_id)
        if a.id != owner.id and _holds(windows[a.id], ZoneInfo(a.time_zone), shift)
    ]
    worked: dict[str, float] = defaultdict(float)
    for s in rosters.shifts_of_agents(session, base.id, [a.id for a in pool]):
        worked[s.agent_id] += paid_hours(s)
    pool.sort(key=lambda a: (worked[a.id] - a.contract_min_hours_per_week, a.hourly_cost, a.id))
    pool = pool[:CHECKED_TAKERS]
    weeks = Weeks(session, base, [owner.id, *(a.id for a in pool)])
    legal = [a.id for a in pool if not weeks.check(swap_change(base, shift, a.id, None)).violations]
    return legal[:LISTED_TAKERS]


def _holds(windows: list[tuple[datetime, datetime]], zone: ZoneInfo, shift: RosterShift) -> bool:
    reach = shift.start
    for start, end in sorted((to_utc(s, zone), to_utc(e, zone)) for s, e in windows):
        if start <= reach < end:
            reach = end
        if reach >= shift.end:
            return True
    return False


def offers_for(
    session: Session, actor: Principal, agent_id: str, language: str = "en"
) -> list[RequestRead]:
    """Swaps waiting for this agent: named, or on the list of those who may take them."""
    agent = lookups.own_agent(session, actor, agent_id) if actor.role == "agent" else None
    agent = agent or require_agent(session, agent_id)
    return [
        decisions.to_read(session, r, language)
        for r in repository.offered_swaps(session, agent.site_id)
        if agent.id == r.colleague_id or agent.id in r.candidates
    ]


def change_of(
    session: Session, request: AgentRequest, base: Roster, colleague_id: str
) -> RosterChange:
    """The swap rebuilt on ``base``: its shifts found again by their hours."""
    mine = lookups.current_shift(session, base, request.agent_id, request.start, request.end)
    theirs = None
    if request.their_start is not None and request.their_end is not None:
        theirs = lookups.current_shift(
            session, base, colleague_id, request.their_start, request.their_end
        )
    return swap_change(base, mine, colleague_id, theirs)


def accept(
    session: Session, actor: Principal, request_id: int, now: datetime, language: str = "en"
) -> RequestRead:
    """The colleague's agreement: the swap checked whole, then the policy, as any request."""
    request = repository.get(session, request_id, for_update=True)
    colleague_id = actor.agent_id
    if (
        request is None
        or request.kind != "swap"
        or colleague_id is None
        or not (colleague_id == request.colleague_id or colleague_id in request.candidates)
    ):
        raise NotFound("swap", request_id)
    period = require_period(session, request.period_id, lock="update")
    if request.status != "offered":
        raise Conflict("request", f"swap {request.id} is already {request.status}")
    site = require_site(session, period.site_id)
    base = lookups.published(session, period)
    change = change_of(session, request, base, colleague_id)
    checked = candidate.check(session, change)
    if checked.violations:
        raise Conflict("request", f"you cannot take this swap: {checked.violations[0]}")
    request.colleague_id = colleague_id
    policy = lookups.policy_of(session, site.id)
    drops = candidate.coverage_drops(base, checked, policy, site.slot_minutes)
    owner = require_agent(session, request.agent_id)
    verdict = decide(policy, decisions.facts(session, request, site, owner, now, checked, drops))
    request.impact = decisions.impact(checked, drops)
    if verdict.outcome == "decline":
        decisions.close(session, actor, request, "declined", verdict.reasons, now)
    elif verdict.outcome == "manager":
        decisions.pending(session, actor, request, verdict)
    else:
        approve_swap(session, actor, request, change, checked, verdict, now)
    return decisions.to_read(session, request, language)


def approve_swap(
    session: Session,
    actor: Principal,
    request: AgentRequest,
    change: RosterChange,
    checked: candidate.Checked,
    verdict: Verdict,
    now: datetime,
) -> None:
    roster = candidate.publish_change(session, actor, change, checked, request.id, now)
    request.roster_id = roster.id
    decisions.close(session, actor, request, "approved", verdict.reasons, now)
    waitlist.serve(session, request.period_id, now, f"swap {request.id} published")
