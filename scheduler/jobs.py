"""The job functions APScheduler runs. Module-level, so the job store can name them.

Each job opens and closes its own sessions, calls one use case of ``api`` and logs (never
raises) its failures: a failing job must not take the scheduler down, and the next run
retries. Nothing here queries the database or decides anything itself (a test checks it);
the worker installs a ``JobContext`` (database, settings, solve execution, clock,
scheduler) before it starts the scheduler; the job store only holds ids and arguments.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import BaseScheduler

from api.db.base import utc_now
from api.db.database import Database
from api.notifications import outbox, webhook
from api.replans import due
from api.replans.service import ReplanOutcome, replan_period, replan_periods
from api.requests import deadline
from api.rosters import publication
from api.settings import Settings
from api.solves import service as solves
from api.solves.execution import SolveExecution

log = logging.getLogger(__name__)
REPLANS_EXECUTOR = "replans"


@dataclass(frozen=True)
class JobContext:
    database: Database
    settings: Settings
    execution: SolveExecution
    clock: Callable[[], datetime]
    scheduler: BaseScheduler | None = None


_context: JobContext | None = None


def install(context: JobContext | None) -> None:
    """Set (or clear) what the jobs of this process work with."""
    global _context
    _context = context


def current() -> JobContext:
    if _context is None:
        raise RuntimeError("the jobs have no context: start them through `homeshore worker`")
    return _context


def absence_job_id(period_id: int) -> str:
    return f"replan-absences-period-{period_id}"


def replan_job(period_id: int, trigger: str) -> ReplanOutcome | None:
    """Re-plan one period now (the debounced absence job, or the nightly job per period)."""
    ctx = current()
    try:
        return replan_period(
            ctx.database, ctx.execution, ctx.settings, period_id, trigger, ctx.clock
        )
    except Exception:
        log.exception("re-plan of period %s (%s) failed", period_id, trigger)
        return None


def absence_watch_job() -> int:
    """Fail runs whose process is gone, then (re)schedule one debounced re-plan per period
    with absences waiting (an abandoned re-plan's absences are waiting again at once)."""
    ctx = current()
    try:
        with ctx.database.session(write=True) as session:
            abandoned = solves.fail_abandoned_runs(
                session,
                utc_now(),
                ctx.settings.run_lease_seconds,
                queued_too=solves.sweeps_queued_runs(ctx.settings),
            )
        if abandoned:
            log.warning("solve runs %s lost the process executing them", abandoned)
        with ctx.database.session() as session:
            waiting = due.absence_replans_due(session, ctx.clock(), ctx.settings)
        if ctx.scheduler is not None:
            for item in waiting:
                schedule_absence_replan(ctx.scheduler, item.period_id, item.run_at, ctx.clock())
        return len(waiting)
    except Exception:
        log.exception("the absence watch failed")
        return 0


def schedule_absence_replan(
    scheduler: BaseScheduler, period_id: int, run_at: datetime, now: datetime
) -> None:
    """One job per period (fixed id, replaced): a new absence moves it, never adds one.

    A run date already past (the worker was down) becomes ``now``: a date job scheduled
    far in the past would be dropped as misfired. A job already due is left to run.
    """
    run_at = max(run_at, now)
    job = scheduler.get_job(absence_job_id(period_id))
    next_run = job.next_run_time if job is not None else None
    if next_run is not None and (next_run == run_at or next_run <= now):
        return
    scheduler.add_job(
        replan_job,
        trigger="date",
        run_date=run_at,
        args=[period_id, "absence"],
        id=absence_job_id(period_id),
        name=f"re-plan period {period_id} after absences",
        executor=REPLANS_EXECUTOR,
        replace_existing=True,
    )


def nightly_replan_job() -> list[int]:
    """Re-plan every coming period whose inputs changed since its newest plan: one solve
    per period, all submitted at once (workers solve them side by side)."""
    ctx = current()
    try:
        with ctx.database.session() as session:
            period_ids = due.nightly_replans_due(session, ctx.clock(), ctx.settings)
    except Exception:
        log.exception("the nightly re-plan could not list its periods")
        return []
    try:
        replan_periods(ctx.database, ctx.execution, ctx.settings, period_ids, "nightly", ctx.clock)
    except Exception:
        log.exception("the nightly re-plan of periods %s failed", period_ids)
    return period_ids


def open_shift_deadline_job() -> list[ReplanOutcome]:
    """Re-plan the periods whose open shifts nobody picked up by their site's deadline."""
    ctx = current()
    try:
        return deadline.replan_unpicked(ctx.database, ctx.execution, ctx.settings, ctx.clock)
    except Exception:
        log.exception("the open-shift deadline job failed")
        return []


def publication_job() -> int:
    """Publish the drafts whose period is past its cut-off."""
    ctx = current()
    try:
        with ctx.database.session(write=True) as session:
            published = publication.publish_due(
                session, ctx.clock(), ctx.settings.publish_cutoff_hours
            )
        return len(published)
    except Exception:
        log.exception("the publication job failed")
        return 0


def outbox_job() -> int:
    """Record any publication not announced yet, then deliver due messages to the webhook."""
    ctx = current()
    try:
        with ctx.database.session(write=True) as session:
            outbox.record_publications(session, ctx.clock())
        return webhook.deliver_due(ctx.database, ctx.settings, ctx.clock())
    except Exception:
        log.exception("the outbox job failed")
        return 0


def cleanup_job() -> int:
    ctx = current()
    try:
        with ctx.database.session(write=True) as session:
            return solves.delete_old_runs(
                session, ctx.clock(), ctx.settings.solve_run_retention_days
            )
    except Exception:
        log.exception("the clean-up job failed")
        return 0


def remove_job_if_present(scheduler: BaseScheduler, job_id: str) -> None:
    with contextlib.suppress(JobLookupError):
        scheduler.remove_job(job_id)
