"""An agent's published shifts, what changed since they last looked, and their calendar feed.

"Last looked" is the set of published rosters the agent acknowledged (``Agent.seen_roster_ids``);
the page compares the current published versions with those, period by period, using the
same change rules as the notifications. The calendar feed is a secret URL, because calendar
apps cannot send an API key: only its SHA-256 is stored, so it is shown once when made.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import service as auth_service
from api.db.models import Agent, Roster
from api.errors import Unauthorized
from api.rosters import repository as rosters
from api.rosters import solver_shifts
from solver.replan import ShiftChange

FEED_PREFIX = "hsfeed_"


def changes_since_seen(session: Session, agent: Agent) -> list[ShiftChange] | None:
    """Changes between what the agent last acknowledged and what is published now.

    None when the agent never acknowledged anything (everything is new to them).
    """
    if agent.seen_roster_ids is None:
        return None
    seen = {
        r.period_id: r for r in map(lambda i: session.get(Roster, i), agent.seen_roster_ids) if r
    }
    found: list[ShiftChange] = []
    for current in rosters.current_published(session, agent.site_id):
        before_roster = seen.get(current.period_id)
        if before_roster is not None and before_roster.id == current.id:
            continue
        before = rosters.shifts(session, before_roster.id, agent.id) if before_roster else []
        found += solver_shifts.changes(before, rosters.shifts(session, current.id, agent.id))
    return found


def mark_seen(session: Session, agent: Agent) -> None:
    agent.seen_roster_ids = [r.id for r in rosters.current_published(session, agent.site_id)]
    session.flush()


def new_feed_token(session: Session, agent: Agent, key_id: int) -> str:
    """A fresh secret feed token for the agent, made under key ``key_id``; the previous one
    stops working, and this one stops when that key is revoked or the agent deactivated."""
    token = FEED_PREFIX + secrets.token_urlsafe(32)
    agent.calendar_feed_hash = hashlib.sha256(token.encode()).hexdigest()
    agent.calendar_feed_key_id = key_id
    session.flush()
    return token


def agent_of_feed(session: Session, token: str) -> Agent | None:
    """The agent whose feed this is, if the feed is still a good credential (else None)."""
    if not token.startswith(FEED_PREFIX) or len(token) > 100:
        return None
    digest = hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
    agent = session.scalars(select(Agent).where(Agent.calendar_feed_hash == digest)).first()
    if agent is None or agent.calendar_feed_key_id is None:
        return None
    try:
        reader = auth_service.authenticate_session(session, agent.calendar_feed_key_id)
    except Unauthorized:
        return None
    return agent if reader.is_agent(agent.id) else None
