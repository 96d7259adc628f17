"""Publishing a roster: written once, for a manager's request, the web page and the scheduler.

Publishing never edits a roster: it gives a verified draft the next version number of its
period, under a lock on the period so two publications cannot take the same number. In the
same transaction it

- marks healed the absences the draft's re-plan took into account (``Absence.healed_at``),
  whoever publishes it: a manager publishing a re-plan draft by hand heals them as the
  scheduler's cut-off publication does;
- records in the outbox what changed for each agent since the last announced version;
- writes the audit entry, naming the actor (a manager's key, or the scheduler).

``publish_due`` is the scheduler's use of it: from ``publish_cutoff_hours`` before a period
starts until it ends, the newest verified draft that builds on the current version goes out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import SCHEDULER, Actor
from api.db.base import utc_now
from api.db.models import Roster
from api.errors import Conflict
from api.notifications import outbox
from api.periods import repository as periods
from api.periods.service import period_bounds, require_period
from api.replans import repository as replans
from api.rosters import repository
from api.rosters.service import require_roster


def publish(session: Session, actor: Actor, roster_id: int, now: datetime | None = None) -> Roster:
    """Give a verified draft the next version of its period; see the module docstring."""
    now = now or utc_now()
    roster = require_roster(session, roster_id)
    period = require_period(session, roster.period_id, lock="update")
    if period.scenario_of is not None:
        raise Conflict(
            "roster",
            f"roster {roster.id} belongs to a what-if scenario (period {period.id}, copied "
            f"from period {period.scenario_of}); scenarios are never published",
        )
    roster = require_roster(session, roster_id, for_update=True)
    if roster.version is not None:
        raise Conflict("roster", f"roster {roster.id} is already published as v{roster.version}")
    if not roster.verified_ok:
        raise Conflict(
            "roster",
            f"the verifier found {roster.violation_count} hard-rule violation(s) in roster "
            f"{roster.id}; it cannot be published",
        )
    roster.version = repository.next_version(session, roster.period_id)
    roster.published_at = now
    roster.published_by = actor.key_id
    session.flush()
    healed = _heal_absences(session, roster, now)
    messages = outbox.record_publication(session, roster, now)
    record(
        session,
        actor,
        "publish",
        "roster",
        roster.id,
        {"version": roster.version, "healed_absences": healed, "messages": messages},
    )
    return roster


def _heal_absences(session: Session, roster: Roster, now: datetime) -> list[int]:
    """Mark healed the absences of the re-plan that produced ``roster`` (if it is one)."""
    if roster.solve_run_id is None:
        return []
    replan = replans.of_run(session, roster.solve_run_id)
    if replan is None:
        return []
    absences = replans.unhealed_absences(session, replan.id)
    for absence in absences:
        absence.healed_at = now
    return [a.id for a in absences]


def publish_due(session: Session, now: datetime, cutoff_hours: float) -> list[Roster]:
    """Publish, as the scheduler, every period's newest eligible draft past its cut-off."""
    cutoff = timedelta(hours=cutoff_hours)
    published = []
    for period, site in periods.with_sites(session):
        if period.scenario_of is not None:  # what-if scenarios are never published
            continue
        start, end = period_bounds(site, period)
        if not start - cutoff <= now < end:
            continue
        current = repository.published(session, period.id)
        draft = repository.newest_publishable_draft(session, period.id, current)
        if draft is not None:
            published.append(publish(session, SCHEDULER, draft.id, now))
    return published
