"""An agent's published shifts as their calendar: one use case for the API and the feed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.agents.service import readable_agent
from api.auth.keys import Principal
from api.db.base import utc_now
from api.exports.ical import shifts_ical
from api.rosters import service as roster_service


def agent_calendar(session: Session, reader: Principal, agent_id: str) -> str:
    """The agent's published shifts in their own time zone (``reader`` must be allowed)."""
    agent = readable_agent(session, reader, agent_id)
    shifts = roster_service.published_shifts(session, reader, agent_id).shifts
    return shifts_ical(
        shifts, f"Homeshore shifts of {agent_id}", utc_now(), ZoneInfo(agent.time_zone)
    )
