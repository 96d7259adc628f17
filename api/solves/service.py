"""Use cases of solves: start one on a snapshot, and record what the worker reports."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import Principal
from api.db.base import utc_now
from api.db.models import Roster, RosterShift, SolveRun
from api.errors import FieldIssue, InvalidInput, NotFound
from api.settings import Settings
from api.solves import repository
from api.solves.schemas import ProgressPointRead, SolveRequest, SolveRunRead
from api.solves.snapshot import build_problem
from solver.result import SolveResult, SolveSettings
from solver.validation import check_problem


def require_run(session: Session, run_id: int) -> SolveRun:
    run = repository.get(session, run_id)
    if run is None:
        raise NotFound("solve", run_id)
    return run


def start(
    session: Session, actor: Principal, settings: Settings, period_id: int, data: SolveRequest
) -> tuple[SolveRun, SolveSettings]:
    """Record a queued run on a snapshot of the period; the caller hands it to the runner."""
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
    issues = check_problem(problem)
    if issues:
        raise InvalidInput([FieldIssue(f"problem.{i.field}", str(i)) for i in issues])
    solve_settings = SolveSettings(
        time_limit_seconds=limit,
        relative_gap_limit=data.relative_gap_limit,
        num_workers=data.num_workers,
        random_seed=data.random_seed,
    )
    run = SolveRun(
        period_id=period_id,
        status="queued",
        settings=solve_settings.model_dump(mode="json"),
        problem=problem.model_dump(mode="json"),
        progress=[],
        kpis={},
        created_by=actor.key_id,
    )
    session.add(run)
    session.flush()
    record(session, actor, "start", "solve", run.id, {"period_id": period_id})
    return run, solve_settings


def to_read(session: Session, run: SolveRun) -> SolveRunRead:
    return SolveRunRead(
        id=run.id,
        period_id=run.period_id,
        status=run.status,
        solver_status=run.solver_status,
        objective=run.objective,
        bound=run.bound,
        progress=[ProgressPointRead.model_validate(p) for p in run.progress],
        roster_id=repository.roster_of_run(session, run.id),
        kpis=_headline(run.kpis),
        warnings=list(run.kpis.get("warnings", [])),
        error=run.error,
        created_at=run.created_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
    )


def _headline(kpis: dict[str, Any]) -> dict[str, Any]:
    hidden = ("queues", "slot_starts", "violations", "warnings")
    return {k: v for k, v in kpis.items() if k not in hidden}


def record_progress(
    session: Session, messages: list[tuple[str, int, dict[str, float] | None]]
) -> None:
    """Apply a batch of worker messages ("started" or "progress") to their runs."""
    by_run: dict[int, list[tuple[str, dict[str, float] | None]]] = {}
    for kind, run_id, payload in messages:
        by_run.setdefault(run_id, []).append((kind, payload))
    for run_id, items in by_run.items():
        run = repository.get(session, run_id, for_update=True)
        if run is None or run.status in ("finished", "failed"):
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
    if run is None:
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
    roster = Roster(period_id=run.period_id, solve_run_id=run.id, kpis=kpis)
    session.add(roster)
    session.flush()
    session.add_all(
        RosterShift(
            roster_id=roster.id,
            agent_id=s.agent_id,
            start=s.start,
            end=s.end,
            breaks=[b.model_dump(mode="json") for b in s.breaks],
            activities=[a.model_dump(mode="json") for a in s.activities],
        )
        for s in result.roster.shifts
    )


def record_failure(session: Session, run_id: int, error: str) -> None:
    run = repository.get(session, run_id, for_update=True)
    if run is None:
        return
    run.status = "failed"
    run.error = error
    run.finished_at = utc_now()
