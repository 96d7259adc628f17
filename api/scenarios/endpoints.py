"""HTTP routes for what-if scenarios (solve one with ``POST /periods/{id}/solves``)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Manager, SessionDep, Staff
from api.scenarios import service
from api.scenarios.schemas import ScenarioComparison, ScenarioCreate, ScenarioRead
from api.schemas import PathRowId

router = APIRouter(tags=["scenarios"])


@router.post("/periods/{period_id}/scenarios", response_model=ScenarioRead, status_code=201)
def create_scenario(
    period_id: PathRowId, body: ScenarioCreate, session: SessionDep, user: Manager
) -> ScenarioRead:
    """Copy the period into a what-if scenario with the changes given; never published."""
    return service.create_scenario(session, user, period_id, body)


@router.get("/periods/{period_id}/scenarios", response_model=list[ScenarioRead])
def list_scenarios(period_id: PathRowId, session: SessionDep, _user: Staff) -> list[ScenarioRead]:
    return service.scenarios_of(session, period_id)


@router.get("/periods/{period_id}/scenarios/compare", response_model=ScenarioComparison)
def compare_scenarios(
    period_id: PathRowId, session: SessionDep, _user: Staff
) -> ScenarioComparison:
    """The baseline's newest roster beside each scenario's: cost, coverage, expected
    service level, hours per country, caller notice per queue, differences."""
    return service.compare(session, period_id)
