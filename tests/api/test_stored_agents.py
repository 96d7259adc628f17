"""A solver agent stored as a row (``api.agents.service.stored_agent``) is read back the same.

Imports and what-if scenarios both store agents from their solver form; the snapshot reads
them back. An aid cap or a refusal of changes lost on the way would plan a capped agent
uncapped.
"""

from __future__ import annotations

from sqlalchemy import select

from api.agents.service import stored_agent, to_read
from api.db.database import Database
from api.db.models import PlanningPeriod
from api.imports.service import import_problem
from api.solves.snapshot import build_problem
from solver.problem import Agent
from tests.verifier.builders import agent, problem


def test_an_imported_problem_reads_back_with_the_same_agents(database: Database) -> None:
    original = problem(
        [
            agent(
                "a1",
                name="Ana",
                aid_cap={"max_hours_per_week": 15, "max_hours_per_day": 4},
                accepts_changes=False,
                contract={"min_hours_per_week": 6, "max_hours_per_week": 30},
            ),
            agent("a2", time_zone="Africa/Casablanca", country="MA", hourly_cost=9.5),
        ],
        name="stored: agents",
    )
    with database.session(write=True) as session:
        import_problem(session, original)
        period_id = session.scalars(select(PlanningPeriod.id)).one()
        read_back = build_problem(session, period_id)
    by_id = {a.id: a.model_dump() for a in read_back.agents}
    assert by_id == {a.id: a.model_dump() for a in original.agents}


def test_a_scenario_agent_is_stored_inactive_under_its_own_name() -> None:
    hired = Agent.model_validate(
        agent("m1", aid_cap={"max_hours_per_week": 12, "max_hours_per_day": None})
    )
    row = stored_agent(hired, "paris", name="m1 (scenario 4)", active=False)
    read = to_read(row)
    assert (read.name, read.active, read.site_id) == ("m1 (scenario 4)", False, "paris")
    assert read.aid_cap is not None and read.aid_cap.max_hours_per_week == 12
