"""The APScheduler instance: job store in the project's database, and the recurring jobs.

Every job has a fixed id and is added with ``replace_existing=True``, so a restart (or a
new leader) rewrites the same rows instead of piling up copies, and a changed setting
takes effect at the next start. Missed runs are coalesced into one and still run late
(a worker that was down at 02:30 re-plans when it comes back).
"""

from __future__ import annotations

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from sqlalchemy import Engine

from api.settings import Settings
from scheduler import jobs

JOB_TABLE = "apscheduler_jobs"
NIGHTLY_REPLAN = "nightly-replan"
ABSENCE_WATCH = "absence-watch"
OPEN_SHIFT_DEADLINE = "open-shift-deadline"
PUBLICATION = "publication"
OUTBOX = "outbox"
CLEANUP = "cleanup-solve-runs"
REPLANS_EXECUTOR = jobs.REPLANS_EXECUTOR


def build_scheduler(engine: Engine, settings: Settings) -> BackgroundScheduler:
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOB_TABLE)},
        executors={
            "default": ThreadPoolExecutor(max_workers=1),
            REPLANS_EXECUTOR: ThreadPoolExecutor(max_workers=1),
        },
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600},
        timezone=settings.jobs_time_zone,
    )


def register_recurring_jobs(scheduler: BaseScheduler, settings: Settings) -> None:
    """Add (or replace) the recurring jobs the settings ask for; remove those switched off."""
    scheduler.add_job(
        jobs.nightly_replan_job,
        trigger="cron",
        hour=settings.nightly_replan_time.hour,
        minute=settings.nightly_replan_time.minute,
        id=NIGHTLY_REPLAN,
        executor=REPLANS_EXECUTOR,
        name="re-plan coming periods whose inputs changed",
        replace_existing=True,
    )
    scheduler.add_job(
        jobs.absence_watch_job,
        trigger="interval",
        seconds=settings.absence_watch_seconds,
        id=ABSENCE_WATCH,
        name="schedule debounced re-plans after absences",
        replace_existing=True,
    )
    scheduler.add_job(
        jobs.open_shift_deadline_job,
        trigger="interval",
        seconds=settings.absence_watch_seconds,
        id=OPEN_SHIFT_DEADLINE,
        executor=REPLANS_EXECUTOR,
        name="re-plan open shifts nobody picked up by the deadline",
        replace_existing=True,
    )
    if settings.auto_publish:
        scheduler.add_job(
            jobs.publication_job,
            trigger="interval",
            seconds=settings.publish_check_seconds,
            id=PUBLICATION,
            name="publish drafts past the cut-off",
            replace_existing=True,
        )
    else:
        jobs.remove_job_if_present(scheduler, PUBLICATION)
    scheduler.add_job(
        jobs.outbox_job,
        trigger="interval",
        seconds=settings.outbox_send_seconds,
        id=OUTBOX,
        name="record publications and deliver the outbox",
        replace_existing=True,
    )
    scheduler.add_job(
        jobs.cleanup_job,
        trigger="cron",
        hour=3,
        minute=45,
        id=CLEANUP,
        name="delete old unpublished solve runs",
        replace_existing=True,
    )
