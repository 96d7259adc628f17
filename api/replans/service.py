"""Re-planning a period: heal its published roster into a new draft, changing little.

Three steps, each its own transaction, so nothing is held open while the solver works:
1. ``prepare``: snapshot the period (``api.replans.inputs``), record a queued solve run and
   a ``Replan`` row naming the published roster and the absences it covers;
2. the solve, through the one execution path (``api.solves.execution``), with the re-plan
   time limit; it stores the draft roster (or the failure) on the run as any solve does;
3. ``finish``: the per-agent change list (the one roster comparison) and coverage before
   and after on the re-plan. The published roster is never written: a failure leaves it as
   it was, and the absences stay "not taken into account", so the absence watch retries.

Publishing the draft (by a manager, or by the scheduler at the cut-off) is
``api.rosters.publication.publish``, which also marks the absences healed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from api.db.base import utc_now
from api.db.database import Database
from api.db.models import ReplanAbsence
from api.db.models.jobs import Replan
from api.periods.service import require_period
from api.replans import repository
from api.replans.inputs import inputs_digest, replan_problem
from api.rosters import comparison
from api.rosters import repository as rosters
from api.settings import Settings
from api.sites.service import require_site
from api.solves import repository as solves_repository
from api.solves import service as solves_service
from api.solves.execution import SolveExecution, Urgency
from solver.problem import Problem
from solver.result import SolveSettings
from solver.validation import check_problem

log = logging.getLogger(__name__)

OutcomeStatus = Literal["drafted", "no_roster", "failed", "skipped"]


@dataclass(frozen=True)
class ReplanOutcome:
    """What one re-plan did; ``changes`` is the per-agent change list stored on the re-plan."""

    period_id: int
    status: OutcomeStatus
    reason: str = ""
    run_id: int | None = None
    roster_id: int | None = None
    changes: list[dict[str, Any]] = field(default_factory=list)
    coverage_before: float | None = None
    coverage_after: float | None = None


@dataclass(frozen=True)
class PreparedReplan:
    period_id: int
    run_id: int
    replan_id: int
    problem: Problem
    solve_settings: SolveSettings


def solve_settings_for(settings: Settings) -> SolveSettings:
    return SolveSettings(time_limit_seconds=settings.replan_time_limit_seconds, num_workers=0)


def prepare(
    session: Session, period_id: int, trigger: str, now: datetime, settings: Settings
) -> PreparedReplan | ReplanOutcome:
    """Record a queued re-plan of the period, or say why there is nothing to run."""
    period = require_period(session, period_id, lock="update")
    base = rosters.published(session, period.id)
    if base is None:
        return ReplanOutcome(period.id, "skipped", "no published roster to re-plan from")
    solves_service.fail_abandoned_runs(
        session,
        utc_now(),
        settings.run_lease_seconds,
        queued_too=solves_service.sweeps_queued_runs(settings),
    )
    unfinished = repository.unfinished_of_period(session, period.id)
    if unfinished:
        run_id = unfinished[0][1].id
        return ReplanOutcome(period.id, "skipped", f"re-plan run {run_id} is still running")
    site = require_site(session, period.site_id)
    problem, absences = replan_problem(session, period, site, base, now)
    solve_settings = solve_settings_for(settings)
    issues = check_problem(problem)
    run = solves_service.new_run(
        session, period.id, problem.model_dump(mode="json"), solve_settings, now
    )
    if issues:
        run.status = "failed"
        run.finished_at = now
        run.error = "\n".join(str(i) for i in issues[:50])
    replan = Replan(
        period_id=period.id,
        solve_run_id=run.id,
        base_roster_id=base.id,
        trigger=trigger,
        inputs_digest=inputs_digest(problem),
        replan_from=now,
    )
    session.add(replan)
    session.flush()
    session.add_all(ReplanAbsence(replan_id=replan.id, absence_id=a.id) for a in absences)
    session.flush()
    if issues:
        return ReplanOutcome(period.id, "failed", f"invalid inputs: {issues[0]}", run.id)
    return PreparedReplan(period.id, run.id, replan.id, problem, solve_settings)


def finish(session: Session, prepared: PreparedReplan, now: datetime) -> ReplanOutcome:
    """Describe the run's outcome on the re-plan: its changes, or why there is no draft."""
    run = solves_repository.get(session, prepared.run_id)
    if run is None:
        return ReplanOutcome(prepared.period_id, "failed", "the run was deleted", prepared.run_id)
    if run.finished_at is not None:
        # Date the end by the caller's clock (the retry delay and clean-up count from it).
        run.finished_at = now
    if run.status != "finished":
        reason = run.error or f"the run ended as {run.status}"
        return ReplanOutcome(prepared.period_id, "failed", reason, prepared.run_id)
    roster_id = solves_repository.roster_of_run(session, run.id)
    if roster_id is None:
        reason = f"the solver found no roster ({run.solver_status})"
        return ReplanOutcome(prepared.period_id, "no_roster", reason, prepared.run_id)
    replan = session.get(Replan, prepared.replan_id)
    assert replan is not None, "a re-plan is deleted only with its run"
    base = rosters.get(session, replan.base_roster_id)
    draft = rosters.get(session, roster_id)
    deltas = comparison.by_agent(
        rosters.shifts(session, replan.base_roster_id), rosters.shifts(session, roster_id)
    )
    replan.changes = [c.model_dump(mode="json") for d in deltas for c in d.changes]
    replan.coverage_before = _coverage(base.kpis if base is not None else {})
    replan.coverage_after = _coverage(draft.kpis if draft is not None else {})
    return ReplanOutcome(
        prepared.period_id,
        "drafted",
        "",
        prepared.run_id,
        roster_id,
        changes=replan.changes,
        coverage_before=replan.coverage_before,
        coverage_after=replan.coverage_after,
    )


def _coverage(kpis: dict[str, Any]) -> float | None:
    value = kpis.get("coverage_percent")
    return float(value) if isinstance(value, int | float) else None


def replan_period(
    database: Database,
    execution: SolveExecution,
    settings: Settings,
    period_id: int,
    trigger: str,
    clock: Callable[[], datetime],
) -> ReplanOutcome:
    """Prepare, solve and finish one re-plan of ``period_id``; never touches published rosters."""
    return replan_periods(database, execution, settings, [period_id], trigger, clock)[0]


def replan_periods(
    database: Database,
    execution: SolveExecution,
    settings: Settings,
    period_ids: list[int],
    trigger: str,
    clock: Callable[[], datetime],
) -> list[ReplanOutcome]:
    """Re-plan several periods at once: prepare each, submit all their solves (one task per
    period, so workers solve them side by side), then finish each as its solve ends.

    A nightly re-plan is submitted as the least urgent work, any other (an absence, a
    manual re-plan) as the most urgent, so a re-plan after an absence overtakes the batch.
    """
    urgency: Urgency = "nightly" if trigger == "nightly" else "replan"
    outcomes: list[ReplanOutcome | None] = [None] * len(period_ids)
    submitted: list[tuple[int, PreparedReplan, Future[None]]] = []
    for index, period_id in enumerate(period_ids):
        with database.session(write=True) as session:
            prepared = prepare(session, period_id, trigger, clock(), settings)
        if isinstance(prepared, ReplanOutcome):
            log.info("re-plan of period %s: %s %s", period_id, prepared.status, prepared.reason)
            outcomes[index] = prepared
            continue
        submitted.append((index, prepared, execution.submit(prepared.run_id, urgency)))
    # The execution kills a solve past its limit plus the grace; this wait only guards
    # against an execution that never answers at all (solves of a batch may run in turn).
    patience = len(submitted) * (
        settings.replan_time_limit_seconds
        + settings.replan_grace_seconds
        + settings.run_lease_seconds
    )
    deadline = time.monotonic() + patience
    for index, prepared, done in submitted:
        try:
            done.result(timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            with database.session(write=True) as session:
                solves_service.record_failure(
                    session, prepared.run_id, f"no outcome {patience:g} s after submission"
                )
        with database.session(write=True) as session:
            outcome = finish(session, prepared, clock())
        log.info(
            "re-plan of period %s (run %s): %s, %d changes",
            prepared.period_id,
            prepared.run_id,
            outcome.status,
            len(outcome.changes),
        )
        outcomes[index] = outcome
    return [outcome for outcome in outcomes if outcome is not None]
