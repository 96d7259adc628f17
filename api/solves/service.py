"""Use cases of solves: start one on a snapshot, record what its execution reports, fail the
runs whose process is gone, and forget old unpublished runs.

Starting a solve is written once, here, for the API and the web pages; the re-plan service
records its runs with ``new_run`` too. Recording a result is written once as well: whatever
process executed the run stores its roster, KPIs and the verifier's verdict through
``record_result``, and a run that already ended is never written again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import Principal
from api.db.base import utc_now
from api.db.models import Roster, RosterShift, SolveRun
from api.db.models.solve import ENDED_STATUSES
from api.errors import Conflict, FieldIssue, InvalidInput, NotFound
from api.rosters.locks import locked_refs
from api.rosters.solver_shifts import stored_fields
from api.servicelevel import service as servicelevel
from api.settings import Settings
from api.solves import repository
from api.solves.schemas import ProgressPointRead, SolveRequest, SolveRunRead
from api.solves.snapshot import build_problem
from solver.result import SolveResult, SolveSettings
from solver.validation import check_problem

if TYPE_CHECKING:
    from api.solves.execution import SolveExecution

HEADLINE_EXCLUDED = ("queues", "slot_starts", "violations", "warnings")


def require_run(session: Session, run_id: int) -> SolveRun:
    run = repository.get(session, run_id)
    if run is None:
        raise NotFound("solve", run_id)
    return run


def start(
    session: Session,
    actor: Principal,
    settings: Settings,
    period_id: int,
    data: SolveRequest,
    execution: SolveExecution,
) -> SolveRun:
    """Record a queued run on a snapshot of the period; it executes once this commits."""
    run = record_start(session, actor, settings, period_id, data)
    execution.submit_after_commit(session, run.id)
    return run


def record_start(
    session: Session, actor: Principal, settings: Settings, period_id: int, data: SolveRequest
) -> SolveRun:
    """The run ``start`` records, checked and audited, before anything executes it."""
    limit = data.time_limit_seconds or settings.solve_time_limit_seconds
    if limit > settings.max_solve_time_limit_seconds:
        raise InvalidInput(
            [
                FieldIssue(
                    "time_limit_seconds",
                    f"at most {settings.max_solve_time_limit_seconds:g} s on this server",
                )
            ]
        )
    problem = build_problem(session, period_id)
    if data.locks_from_roster_id is not None:
        locked = locked_refs(session, period_id, data.locks_from_roster_id)
        problem = problem.model_copy(update={"locked_shifts": locked})
    issues = check_problem(problem)
    if issues:
        raise InvalidInput([FieldIssue(f"problem.{i.field}", str(i)) for i in issues])
    solve_settings = SolveSettings(
        time_limit_seconds=limit,
        relative_gap_limit=data.relative_gap_limit,
        num_workers=data.num_workers,
        random_seed=data.random_seed,
    )
    run = new_run(session, period_id, problem.model_dump(mode="json"), solve_settings)
    run.created_by = actor.key_id
    session.flush()
    record(session, actor, "start", "solve", run.id, {"period_id": period_id})
    return run


def new_run(
    session: Session,
    period_id: int,
    problem: dict[str, Any],
    solve_settings: SolveSettings,
    now: datetime | None = None,
) -> SolveRun:
    """A queued run on a problem snapshot; its heartbeat starts now (see ``fail_abandoned``)."""
    run = SolveRun(
        period_id=period_id,
        status="queued",
        settings=solve_settings.model_dump(mode="json"),
        problem=problem,
        progress=[],
        kpis={},
        created_at=now or utc_now(),
        heartbeat_at=utc_now(),
    )
    session.add(run)
    session.flush()
    return run


def to_read(session: Session, run: SolveRun) -> SolveRunRead:
    return to_reads(session, [run])[0]


def to_reads(session: Session, runs: list[SolveRun]) -> list[SolveRunRead]:
    """Runs as the API shows them; their roster ids in one query, not one per run."""
    roster_ids = repository.rosters_of_runs(session, [r.id for r in runs])
    return [
        SolveRunRead(
            id=run.id,
            period_id=run.period_id,
            status=run.status,
            solver_status=run.solver_status,
            objective=run.objective,
            bound=run.bound,
            progress=[ProgressPointRead.model_validate(p) for p in run.progress],
            roster_id=roster_ids.get(run.id),
            kpis=headline(run.kpis),
            warnings=list(run.kpis.get("warnings", [])),
            error=run.error,
            created_at=run.created_at,
            started_at=run.started_at,
            finished_at=run.finished_at,
            claimed_by=run.claimed_by,
            attempts=run.attempts,
        )
        for run in runs
    ]


def headline(kpis: dict[str, Any]) -> dict[str, Any]:
    """The scalar figures of a KPI blob (its per-slot series and violation list left out)."""
    return {k: v for k, v in kpis.items() if k not in HEADLINE_EXCLUDED}


def record_progress(
    session: Session, messages: list[tuple[str, int, dict[str, float] | None]]
) -> None:
    """Apply a batch of worker messages ("started" or "progress") to their runs."""
    by_run: dict[int, list[tuple[str, dict[str, float] | None]]] = {}
    for kind, run_id, payload in messages:
        by_run.setdefault(run_id, []).append((kind, payload))
    for run_id, items in by_run.items():
        run = repository.get(session, run_id, for_update=True)
        if run is None or run.status in ENDED_STATUSES:
            continue
        points = list(run.progress)
        for kind, payload in items:
            if kind == "started":
                run.status = "running"
                run.started_at = utc_now()
            elif payload is not None:
                points.append(payload)
        if points:
            run.progress = points
            run.objective = points[-1]["objective"]
            run.bound = points[-1]["bound"]


def record_result(
    session: Session, run_id: int, result: SolveResult, figures: dict[str, Any] | None
) -> None:
    """Store the outcome and, when a roster was found, the roster as a draft (unpublished)."""
    run = repository.get(session, run_id, for_update=True)
    if run is None or run.status in ENDED_STATUSES:
        return
    run.status = "finished"
    run.solver_status = result.status
    run.objective = result.objective
    run.bound = result.bound
    run.progress = [p.model_dump() for p in result.progress]
    run.finished_at = utc_now()
    run.started_at = run.started_at or run.finished_at
    kpis: dict[str, Any] = {
        "solver_objective": result.objective,
        "solver_bound": result.bound,
        "gap": result.gap,
        "wall_seconds": result.wall_seconds,
        "candidate_shifts": result.candidate_shifts,
        "warnings": list(result.warnings),
    }
    if figures is not None:
        kpis.update(figures)
    run.kpis = kpis
    if result.conflicts:
        run.error = "\n".join(
            f"{c.rule}" + (f" (agent {c.agent_id})" if c.agent_id else "") + f": {c.detail}"
            for c in result.conflicts[:50]
        )
    if result.roster is None:
        return
    roster = Roster(
        period_id=run.period_id,
        solve_run_id=run.id,
        kpis=kpis,
        verified_ok=figures is not None and figures.get("ok") is True,
        violation_count=int(figures.get("violation_count", 0)) if figures is not None else 0,
        service_level=servicelevel.judge_for_period(session, run.period_id, result.roster),
    )
    session.add(roster)
    session.flush()
    session.add_all(
        RosterShift(roster_id=roster.id, **stored_fields(s)) for s in result.roster.shifts
    )


def record_failure(session: Session, run_id: int, error: str) -> None:
    """Fail a run that has not ended yet (a run already ended keeps its outcome)."""
    run = repository.get(session, run_id, for_update=True)
    if run is None or run.status in ENDED_STATUSES:
        return
    run.status = "failed"
    run.error = error
    run.finished_at = utc_now()


def fail_abandoned_runs(
    session: Session, now: datetime, lease_seconds: float, queued_too: bool = True
) -> list[int]:
    """Fail the runs whose executing process stopped renewing their heartbeat; their ids.

    Their process died (a killed server or worker, a lost machine): nothing will ever finish
    them. ``finished_at`` stays empty since nobody saw them end, which is also what lets the
    absence watch re-plan their absences at once, without the retry delay that follows a
    solve that failed by itself. With solve workers (``queued_too=False``) a queued run
    waits in the broker's durable queue, where nobody renews its heartbeat: only runs a
    worker claimed are judged by it.
    """
    runs = repository.abandoned(
        session, now, timedelta(seconds=lease_seconds), queued_too=queued_too
    )
    for run in runs:
        seen = run.heartbeat_at or run.created_at
        run.status = "failed"
        run.error = (
            "interrupted: the process executing it stopped "
            f"(no heartbeat since {seen:%Y-%m-%d %H:%M:%S} UTC)"
        )
    return [run.id for run in runs]


def delete_old_runs(session: Session, now: datetime, retention_days: int) -> int:
    """Delete ended runs older than the retention that no published roster came from.

    Their snapshots and progress are large and rarely read again; a run that produced a
    published roster is history and stays, and so does anything younger or unfinished.
    """
    run_ids = repository.ended_unpublished_before(session, now - timedelta(days=retention_days))
    if run_ids:
        repository.delete_runs(session, run_ids)
    return len(run_ids)


def sweeps_queued_runs(settings: Settings) -> bool:
    """Whether a queued run's stale heartbeat means it is lost (the local pool holds and
    renews every run it accepted; a broker's queue holds runs nobody renews)."""
    return settings.solve_backend == "local"


def cancel(session: Session, actor: Principal, run_id: int) -> SolveRun:
    """Mark a queued or running run cancelled; whatever executes it stops its solver.

    The execution holding the run sees the status within about a second and kills the
    solver process; a worker that receives the run later finds it ended and does nothing.
    """
    run = repository.get(session, run_id, for_update=True)
    if run is None:
        raise NotFound("solve", run_id)
    if run.status in ENDED_STATUSES:
        raise Conflict("status", f"the run already ended ({run.status}); nothing to cancel")
    run.status = "cancelled"
    run.finished_at = utc_now()
    who = f"key {actor.key_id}" if actor.key_id is not None else actor.role
    run.error = f"cancelled by {who}"
    record(session, actor, "cancel", "solve", run.id, {"period_id": run.period_id})
    return run


ClaimOutcome = Literal["claimed", "busy", "ended", "exhausted"]


def claim(
    session: Session,
    run_id: int,
    worker: str,
    now: datetime,
    takeover_seconds: float,
    max_attempts: int,
) -> ClaimOutcome:
    """A solve worker takes the run it was handed, or learns why not.

    ``claimed``: execute it. ``ended`` (or unknown): a redelivered or late task, do nothing.
    ``busy``: another worker holds it and beat within ``takeover_seconds``, ask again later.
    ``exhausted``: its workers died ``max_attempts`` times; the run is failed with that reason.
    """
    stale_before = now - timedelta(seconds=takeover_seconds)
    if repository.claim(session, run_id, worker, stale_before, max_attempts):
        return "claimed"
    run = repository.get(session, run_id, for_update=True)
    if run is None or run.status in ENDED_STATUSES:
        return "ended"
    beat = run.heartbeat_at or run.created_at
    if run.status == "running" and beat >= stale_before:
        return "busy"
    run.status = "failed"
    run.finished_at = now
    run.error = (
        f"failed: the worker executing it stopped {run.attempts} times "
        f"(last {run.claimed_by}, no heartbeat since {beat:%Y-%m-%d %H:%M:%S} UTC)"
    )
    return "exhausted"
