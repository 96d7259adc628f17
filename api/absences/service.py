"""Reporting an absence: record it and mark the published shifts it overlaps.

The roster itself is not edited (published versions never change). Healing, a new version
that covers the gap, is the re-planning job's work; it finds what to heal through the marks
(absences whose ``healed_at`` is empty, and their affected shifts).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.absences import repository
from api.absences.schemas import AbsenceCreate, AbsenceRead
from api.agents.service import require_agent
from api.audit.repository import record
from api.auth.keys import Principal
from api.db.models import Absence, AbsenceImpact
from api.errors import NotFound
from api.rosters import repository as rosters
from api.rosters.service import shift_reads
from api.sites.service import require_site


def report(session: Session, actor: Principal, data: AbsenceCreate) -> tuple[AbsenceRead, bool]:
    """The absence and whether it is new: the same agent, start, end and reason reported
    again (a retried request, a second planner) is the absence already recorded."""
    agent = require_agent(session, data.agent_id)
    known = repository.same_report(session, agent.id, data.start, data.end, data.reason)
    if known is not None:
        return read(session, known.id), False
    absence = Absence(
        agent_id=agent.id,
        start=data.start,
        end=data.end,
        reason=data.reason,
        reported_by=actor.key_id,
    )
    try:
        with session.begin_nested():
            session.add(absence)
            session.flush()
    except IntegrityError:
        # reported at the same moment by another request, which won the insert
        known = repository.same_report(session, agent.id, data.start, data.end, data.reason)
        if known is None:
            raise
        return read(session, known.id), False
    hit = []
    for roster in rosters.current_published(session, agent.site_id):
        hit += rosters.shifts(session, roster.id, agent.id, (data.start, data.end))
    session.add_all(AbsenceImpact(absence_id=absence.id, shift_id=s.id) for s in hit)
    session.flush()
    record(
        session,
        actor,
        "report",
        "absence",
        absence.id,
        {"agent_id": agent.id, "affected_shift_ids": [s.id for s in hit]},
    )
    return read(session, absence.id), True


def read(session: Session, absence_id: int) -> AbsenceRead:
    absence = repository.get(session, absence_id)
    if absence is None:
        raise NotFound("absence", absence_id)
    agent = require_agent(session, absence.agent_id)
    zone = ZoneInfo(require_site(session, agent.site_id).time_zone)
    return AbsenceRead(
        id=absence.id,
        agent_id=absence.agent_id,
        start=absence.start,
        end=absence.end,
        reason=absence.reason,
        created_at=absence.created_at,
        healed_at=absence.healed_at,
        affected_shifts=shift_reads(session, repository.affected_shifts(session, absence.id), zone),
    )


def listing(session: Session, agent_id: str | None) -> list[AbsenceRead]:
    return [read(session, a.id) for a in repository.listing(session, agent_id)]
