"""Publication at the cut-off: from ``publish_cutoff_hours`` before a period starts until it
ends, the newest verified draft that builds on the current version is published.

Publishing follows the API's rule (a version number, never an edit). A re-plan draft also
marks the absences it healed (``Absence.healed_at``), and the outbox records what changed
for each agent in the same transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import Absence, AuditEntry, ReplanAbsence, Roster
from api.rosters import repository as rosters
from scheduler import outbox, repository


def publish_due(session: Session, now: datetime, cutoff_hours: float) -> list[Roster]:
    """Publish, for every period past its cut-off and not over, its newest eligible draft."""
    cutoff = timedelta(hours=cutoff_hours)
    published = []
    for period, site in repository.periods_with_sites(session):
        start, end = repository.period_bounds(site, period)
        if not start - cutoff <= now < end:
            continue
        current = repository.published_roster(session, period.id)
        draft = repository.newest_publishable_draft(session, period.id, current)
        if draft is None:
            continue
        published.append(publish(session, draft, now))
    outbox.record_publications(session, now)
    return published


def publish(session: Session, draft: Roster, now: datetime) -> Roster:
    """Give ``draft`` the next version of its period, as the scheduler, and heal absences."""
    locked = rosters.get(session, draft.id, for_update=True)
    assert locked is not None and locked.version is None
    locked.version = rosters.next_version(session, locked.period_id)
    locked.published_at = now
    session.flush()
    healed: list[int] = []
    replan = repository.replan_of_run(session, locked.solve_run_id) if locked.solve_run_id else None
    if replan is not None:
        query = (
            select(Absence)
            .join(ReplanAbsence, ReplanAbsence.absence_id == Absence.id)
            .where(ReplanAbsence.replan_id == replan.id, Absence.healed_at.is_(None))
        )
        for absence in session.scalars(query):
            absence.healed_at = now
            healed.append(absence.id)
    session.add(
        AuditEntry(
            at=now,
            actor_key_id=None,
            actor_role="scheduler",
            action="publish",
            entity="roster",
            entity_id=str(locked.id),
            detail={"version": locked.version, "healed_absences": sorted(healed)},
        )
    )
    session.flush()
    return locked
