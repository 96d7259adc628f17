"""When to re-plan which period: after absences (debounced) and at night (if inputs changed).

The scheduler's jobs ask these questions; the answers live here, beside the re-plan service.

Both decisions are pure queries on the database at a given ``now``, so tests drive them
with any clock. The debounce is computed from the absences' own report times: a period's
re-plan runs ``debounce`` after the newest absence still waiting, but no later than
``max_delay`` after the oldest one; after a failed re-plan, not before ``retry`` has passed.
Ten absences reported within a minute therefore give one run date, hence one solve.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.absences import repository as absences
from api.db.models import Roster
from api.periods import repository as periods
from api.periods.service import period_bounds
from api.replans import repository
from api.replans.inputs import inputs_digest, replan_problem, snapshot_digest
from api.rosters import repository as rosters
from api.settings import Settings
from api.solves import repository as solve_runs


@dataclass(frozen=True)
class AbsenceReplan:
    """A period that has absences no re-plan has taken into account yet."""

    period_id: int
    run_at: datetime
    absence_ids: tuple[int, ...]


def absence_replans_due(session: Session, now: datetime, settings: Settings) -> list[AbsenceReplan]:
    """Periods (published, not over) with absences waiting, and when to re-plan each."""
    debounce = timedelta(seconds=settings.replan_debounce_seconds)
    max_delay = timedelta(seconds=settings.replan_max_delay_seconds)
    retry = timedelta(seconds=settings.replan_retry_seconds)
    due = []
    for period, site in periods.with_sites(session):
        start, end = period_bounds(site, period)
        if end <= now or rosters.published(session, period.id) is None:
            continue
        covered = repository.absences_taken_into_account(session, period.id)
        waiting = [
            a
            for a in absences.of_site_overlapping(session, site.id, max(start, now), end, True)
            if a.id not in covered
        ]
        if not waiting:
            continue
        oldest = min(a.created_at for a in waiting)
        newest = max(a.created_at for a in waiting)
        run_at = min(newest + debounce, oldest + max_delay)
        failed_at = repository.last_failed_end(session, period.id)
        if failed_at is not None:
            run_at = max(run_at, failed_at + retry)
        due.append(AbsenceReplan(period.id, run_at, tuple(sorted(a.id for a in waiting))))
    return due


def nightly_replans_due(session: Session, now: datetime, settings: Settings) -> list[int]:
    """Coming periods whose inputs differ from those of their newest plan."""
    horizon_end = now + timedelta(days=settings.replan_horizon_days)
    due = []
    for period, site in periods.with_sites(session):
        start, end = period_bounds(site, period)
        if end <= now or start >= horizon_end:
            continue
        base = rosters.published(session, period.id)
        if base is None:
            continue
        problem, _absences = replan_problem(session, period, site, base, now)
        if inputs_digest(problem) != _reference_digest(session, period.id, base):
            due.append(period.id)
    return due


def _reference_digest(session: Session, period_id: int, base: Roster) -> str | None:
    """The inputs digest of the newest plan: a draft re-planned from ``base``, else ``base``."""
    drafted = repository.latest_drafted(session, period_id, base.id)
    if drafted is not None:
        return drafted.inputs_digest
    if base.solve_run_id is None:
        return None
    replan = repository.of_run(session, base.solve_run_id)
    if replan is not None:
        return replan.inputs_digest
    run = solve_runs.get(session, base.solve_run_id)
    return None if run is None else snapshot_digest(run.problem)
