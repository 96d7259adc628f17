"""Re-planning a period: heal its published roster into a new draft, changing little.

Three steps, each its own transaction, so nothing is held open while the solver works:
1. ``prepare``: snapshot the period (``scheduler.replan_inputs``), record a running solve
   run and a ``Replan`` row naming the published roster and the absences it covers;
2. the solve, in a solver process (``SolveExecutor``), with the re-plan time limit;
3. ``finish``: store the draft roster and the per-agent change list, or mark the run failed
   with its reason. The published roster is never written: a failure leaves it as it was,
   and the absences stay "not taken into account", so the absence watch retries later.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy.orm import Session

from api.db.database import Database
from api.db.models import ReplanAbsence, Roster, SolveRun
from api.db.models.jobs import Replan
from api.periods.service import require_period
from api.settings import Settings
from api.sites.service import require_site
from api.solves import repository as solves_repository
from api.solves import service as solves_service
from scheduler import repository
from scheduler.replan_inputs import inputs_digest, replan_problem
from scheduler.solve_executor import SolveExecutor, SolveFailed, SolveOutput
from solver.problem import Problem
from solver.replan import roster_changes
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
    """Record a running re-plan of the period, or say why there is nothing to run."""
    period = require_period(session, period_id, lock="update")
    base = repository.published_roster(session, period.id)
    if base is None:
        return ReplanOutcome(period.id, "skipped", "no published roster to re-plan from")
    stale_after = timedelta(
        seconds=settings.replan_time_limit_seconds + settings.replan_grace_seconds + 60
    )
    for _replan, run in repository.running_replans(session, period.id):
        if run.started_at is not None and run.started_at + stale_after > now:
            return ReplanOutcome(period.id, "skipped", f"re-plan run {run.id} is still running")
        solves_service.record_failure(
            session, run.id, "interrupted: the worker stopped before the solve ended"
        )
    site = require_site(session, period.site_id)
    problem, absences = replan_problem(session, period, site, base, now)
    solve_settings = solve_settings_for(settings)
    issues = check_problem(problem)
    run = SolveRun(
        period_id=period.id,
        status="failed" if issues else "running",
        settings=solve_settings.model_dump(mode="json"),
        problem=problem.model_dump(mode="json"),
        progress=[],
        kpis={},
        started_at=now,
        finished_at=now if issues else None,
        error="\n".join(str(i) for i in issues[:50]) or None,
    )
    session.add(run)
    session.flush()
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


def finish(
    session: Session, prepared: PreparedReplan, output: SolveOutput | SolveFailed, now: datetime
) -> ReplanOutcome:
    """Store the draft and its change list, or mark the run failed with its reason."""
    if isinstance(output, SolveFailed):
        solves_service.record_failure(session, prepared.run_id, output.reason)
        _ended_at(session, prepared.run_id, now)
        return ReplanOutcome(prepared.period_id, "failed", output.reason, prepared.run_id)
    result, figures = output
    solves_service.record_result(session, prepared.run_id, result, figures)
    _ended_at(session, prepared.run_id, now)
    if result.roster is None:
        reason = f"the solver found no roster ({result.status})"
        return ReplanOutcome(prepared.period_id, "no_roster", reason, prepared.run_id)
    changes = [
        change.model_dump(mode="json")
        for change in roster_changes(prepared.problem.previous_roster, result.roster)
    ]
    replan = session.get(Replan, prepared.replan_id)
    coverage: tuple[float | None, float | None] = (None, None)
    if replan is not None:
        replan.changes = changes
        base = session.get(Roster, replan.base_roster_id)
        replan.coverage_before = _coverage(base.kpis if base is not None else {})
        replan.coverage_after = _coverage(figures or {})
        coverage = (replan.coverage_before, replan.coverage_after)
    roster_id = solves_repository.roster_of_run(session, prepared.run_id)
    return ReplanOutcome(
        prepared.period_id,
        "drafted",
        "",
        prepared.run_id,
        roster_id,
        changes=changes,
        coverage_before=coverage[0],
        coverage_after=coverage[1],
    )


def _coverage(kpis: dict[str, Any]) -> float | None:
    value = kpis.get("coverage_percent")
    return float(value) if isinstance(value, int | float) else None


def _ended_at(session: Session, run_id: int, now: datetime) -> None:
    """Date the end by the caller's clock (the retry delay and clean-up count from it)."""
    run = solves_repository.get(session, run_id)
    if run is not None:
        run.finished_at = now


def replan_period(
    database: Database,
    executor: SolveExecutor,
    settings: Settings,
    period_id: int,
    trigger: str,
    clock: Callable[[], datetime],
) -> ReplanOutcome:
    """Prepare, solve and finish one re-plan of ``period_id``; never touches published rosters."""
    with database.session(write=True) as session:
        prepared = prepare(session, period_id, trigger, clock(), settings)
    if isinstance(prepared, ReplanOutcome):
        log.info("re-plan of period %s: %s %s", period_id, prepared.status, prepared.reason)
        return prepared
    output: SolveOutput | SolveFailed
    try:
        output = executor.run(
            prepared.run_id,
            json.dumps(prepared.problem.model_dump(mode="json")),
            prepared.solve_settings,
            settings.replan_grace_seconds,
        )
    except SolveFailed as failure:
        log.warning("re-plan run %s failed: %s", prepared.run_id, failure.reason)
        output = failure
    with database.session(write=True) as session:
        outcome = finish(session, prepared, output, clock())
    log.info(
        "re-plan of period %s (run %s): %s, %d agents changed",
        period_id,
        prepared.run_id,
        outcome.status,
        len(outcome.changes),
    )
    return outcome
