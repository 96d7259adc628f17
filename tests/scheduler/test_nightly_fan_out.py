"""The nightly batch submits every period's solve before waiting for any (one task per
period, which solve workers run side by side), instead of solving them in turn."""

from __future__ import annotations

from api.db.base import utc_now
from api.db.database import Database
from api.replans.service import replan_periods
from api.settings import Settings
from api.solves.execution import SolveExecution
from tests.scheduler.seed import seed_published


def test_a_batch_is_prepared_and_submitted_whole_before_any_solve_is_waited_for(
    database: Database, executor: SolveExecution, job_settings: Settings
) -> None:
    seeded = seed_published(database)
    # The same period twice: solved in turn, the second would re-plan again once the first
    # ended; fanned out, the second finds the first re-plan still in flight.
    first, second = replan_periods(
        database, executor, job_settings, [seeded.period_id] * 2, "nightly", utc_now
    )
    assert first.status == "drafted", first.reason
    assert second.status == "skipped"
    assert second.reason == f"re-plan run {first.run_id} is still running"
