"""Simulate a roster's service (``solver.simulation``), store the run, read it back.

A simulation runs inside the request, synchronously: a week of a 1,000-agent roster
(about 100,000 calls) takes about 1.5 s a replication on the shared test machine, so the
request refuses (422 on ``replications``) a run of more than ``MAX_SIMULATED_CALLS``
expected calls over all replications rather than hold a worker for minutes. That keeps
the one-transaction-per-request rule whole; a background run would need a queue and a
status column for no caller that needs it yet.

The problem simulated is the snapshot the roster was solved from (its solve run), else the
period's current problem; the forecast is the period's staffing plan (see
``api.servicelevel.service``).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy.orm import Session

from api.auth.keys import Principal
from api.db.models import RosterSimulation, SolveRun
from api.errors import Conflict, NotFound, invalid
from api.rosters.solver_shifts import solver_shift
from api.servicelevel import repository
from api.servicelevel.schemas import SimulationCreate, SimulationRead, SimulationSummary
from api.servicelevel.service import NO_PLAN, period_plan
from api.solves.snapshot import build_problem
from solver.problem import Problem
from solver.roster import Roster as SolverRoster
from solver.simulation.report import simulate

MAX_SIMULATED_CALLS = 600_000


def run_simulation(
    session: Session, actor: Principal, roster_id: int, request: SimulationCreate
) -> SimulationRead:
    """Simulate the roster now and store the run; 409 without a forecast for its period."""
    roster = repository.roster(session, roster_id)
    if roster is None:
        raise NotFound("roster", roster_id)
    plan = period_plan(session, roster.period_id)
    if plan is None:
        raise Conflict("period.demand", NO_PLAN)
    expected = sum(sum(q.contacts) for q in plan.forecast.queues)
    if expected * request.replications > MAX_SIMULATED_CALLS:
        most = max(int(MAX_SIMULATED_CALLS // max(expected, 1.0)), 0)
        raise invalid(
            "replications",
            f"{request.replications} replications of {expected:,.0f} expected calls are more "
            f"than a request simulates ({MAX_SIMULATED_CALLS:,} calls); ask for at most {most}",
        )
    problem = _problem_of(session, roster.solve_run_id, roster.period_id)
    shifts = SolverRoster(
        shifts=[solver_shift(s) for s in repository.shifts_of(session, roster_id)]
    )
    started = time.perf_counter()
    try:
        report = simulate(problem, shifts, plan, request.replications, request.seed)
    except ValueError as exc:
        raise Conflict(
            "roster", f"the roster cannot be simulated against its period's forecast: {exc}"
        ) from exc
    run = RosterSimulation(
        roster_id=roster_id,
        replications=request.replications,
        seed=request.seed,
        report=report.as_dict(),
        wall_seconds=round(time.perf_counter() - started, 3),
        created_by=actor.key_id,
    )
    session.add(run)
    session.flush()
    return _read(run)


def simulations_of(session: Session, roster_id: int) -> list[SimulationSummary]:
    if repository.roster(session, roster_id) is None:
        raise NotFound("roster", roster_id)
    return [
        SimulationSummary.model_validate(_fields(run))
        for run in repository.simulations_of(session, roster_id)
    ]


def simulation(session: Session, roster_id: int, simulation_id: int) -> SimulationRead:
    run = repository.simulation(session, simulation_id)
    if run is None or run.roster_id != roster_id:
        raise NotFound("simulation", simulation_id)
    return _read(run)


def _problem_of(session: Session, solve_run_id: int | None, period_id: int) -> Problem:
    run = None if solve_run_id is None else session.get(SolveRun, solve_run_id)
    if run is not None:
        return Problem.model_validate(run.problem)
    return build_problem(session, period_id)


def _fields(run: RosterSimulation) -> dict[str, Any]:
    return {
        **run.report,
        "id": run.id,
        "roster_id": run.roster_id,
        "wall_seconds": run.wall_seconds,
        "created_at": run.created_at,
    }


def _read(run: RosterSimulation) -> SimulationRead:
    return SimulationRead.model_validate(_fields(run))
