"""A small published instance to re-plan: one site, two days, eight agents, spare capacity.

Seeded through the service's own code paths (import, solve run, verified result, publish),
with the solver run in this process so a test does not wait for a spawned worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from api.absences import service as absences_service
from api.absences.schemas import AbsenceCreate
from api.auth.keys import Principal
from api.db.database import Database
from api.db.models import PlanningPeriod, Roster
from api.imports.service import import_problem
from api.rosters import publication
from api.rosters import repository as rosters
from api.settings import Settings
from api.solves import service as solves_service
from api.solves.schemas import SolveRequest
from api.solves.worker import SolveOutput, run_solve
from solver.problem import Problem

FIRST_DAY = date(2030, 1, 7)  # a Monday
MANAGER = Principal(key_id=None, role="manager")
PLANNER = Principal(key_id=None, role="planner")
BEFORE_START = datetime(2030, 1, 6, 12, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2030, 1, 7, tzinfo=PARIS)
TUESDAY = MONDAY + timedelta(days=1)


def small_problem(
    agents: int = 6, days: int = 2, required: int = 2, first_day: date = FIRST_DAY
) -> Problem:
    """Agents available 08:00-20:00 every day; demand ``required`` agents 08:00-16:00."""
    day_list = [first_day + timedelta(days=d) for d in range(days)]
    return Problem.model_validate(
        {
            "name": "Replan test",
            "horizon": {
                "first_day": first_day.isoformat(),
                "days": days,
                "slot_minutes": 30,
                "time_zone": "Europe/Paris",
                "opening_hours": [
                    {"weekdays": [0, 1, 2, 3, 4, 5, 6], "open": "08:00", "close": "20:00"}
                ],
            },
            "queues": [{"id": "fr-support", "skill": "fr"}],
            "demand": [
                {"queue": "fr-support", "start": f"{d}T08:00", "required": [required] * 16}
                for d in day_list
            ],
            "agents": [
                {
                    "id": f"a{i}",
                    "time_zone": "Europe/Paris",
                    "country": "FR",
                    "skills": ["fr"],
                    "hourly_cost": 14.0,
                    "contract": {"min_hours_per_week": 0, "max_hours_per_week": 40},
                    "availability": [
                        {"start": f"{d}T08:00", "end": f"{d}T20:00"} for d in day_list
                    ],
                }
                for i in range(1, agents + 1)
            ],
        }
    )


@dataclass(frozen=True)
class Seeded:
    period_id: int
    roster_id: int


_SOLVED: dict[tuple[str, str], SolveOutput] = {}


def _solved(problem_json: str, settings_json: str, run_id: int) -> SolveOutput:
    """The solver's answer to a seed, solved once per test session: most job tests seed the
    same small week, and its solve (seconds) was most of their time. The solve is a pure
    function of the problem and settings, so the same verified roster serves them all."""
    key = (problem_json, settings_json)
    if key not in _SOLVED:
        _SOLVED[key] = run_solve(run_id, problem_json, settings_json)
    return _SOLVED[key]


def seed_published(database: Database, problem: Problem | None = None) -> Seeded:
    """Import, solve (in this process), store the verified roster and publish it as v1."""
    problem = problem or small_problem()
    settings = Settings(environment="test")
    with database.session(write=True) as session:
        import_problem(session, problem)
        period_id = session.scalars(select(PlanningPeriod.id)).one()
        run = solves_service.record_start(
            session, MANAGER, settings, period_id, SolveRequest(time_limit_seconds=20)
        )
        run_id, problem_json, settings_json = run.id, run.problem, json.dumps(run.settings)
    result, figures = _solved(json.dumps(problem_json), settings_json, run_id)
    assert result.roster is not None, result.status
    with database.session(write=True) as session:
        solves_service.record_result(session, run_id, result, figures)
        roster = session.scalars(select(Roster).where(Roster.solve_run_id == run_id)).one()
        publication.publish(session, MANAGER, roster.id)
        return Seeded(period_id, roster.id)


def report_absence(
    database: Database, agent_id: str, start: datetime, end: datetime, reported_at: datetime
) -> int:
    """Report through the service, then date the report at ``reported_at`` (the test clock)."""
    with database.session(write=True) as session:
        read, _created = absences_service.report(
            session,
            PLANNER,
            AbsenceCreate(agent_id=agent_id, start=start, end=end, reason="ill"),
        )
        absence = absences_service.repository.get(session, read.id)
        assert absence is not None
        absence.created_at = reported_at
        return read.id


def shift_keys(database: Database, roster_id: int) -> set[tuple[str, datetime, datetime]]:
    with database.session() as session:
        return {(s.agent_id, s.start, s.end) for s in rosters.shifts(session, roster_id)}


def monday_worker(database: Database, roster_id: int) -> str:
    """The first agent (by id) with a shift on the period's Monday."""
    monday = [
        k for k in shift_keys(database, roster_id) if k[1].astimezone(PARIS).date() == FIRST_DAY
    ]
    return sorted(monday)[0][0]
