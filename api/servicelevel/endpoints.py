"""HTTP routes for a roster's expected service level and its simulations."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import SessionDep, Staff
from api.schemas import PathRowId
from api.servicelevel import service, simulations
from api.servicelevel.schemas import (
    ServiceLevelRead,
    SimulationCreate,
    SimulationRead,
    SimulationSummary,
)

router = APIRouter(tags=["service level"])


@router.get("/rosters/{roster_id}/service-level", response_model=ServiceLevelRead)
def get_service_level(roster_id: PathRowId, session: SessionDep, _user: Staff) -> ServiceLevelRead:
    """Expected service level and ASA per queue and slot (Erlang), stored with the roster."""
    return service.of_roster(session, roster_id)


@router.post("/rosters/{roster_id}/simulations", response_model=SimulationRead, status_code=201)
def post_simulation(
    roster_id: PathRowId, body: SimulationCreate, session: SessionDep, user: Staff
) -> SimulationRead:
    """Simulate the roster against its period's forecast now (synchronous) and keep the run."""
    return simulations.run_simulation(session, user, roster_id, body)


@router.get("/rosters/{roster_id}/simulations", response_model=list[SimulationSummary])
def list_simulations(
    roster_id: PathRowId, session: SessionDep, _user: Staff
) -> list[SimulationSummary]:
    """The roster's simulation runs, oldest first, with their figures per queue and week."""
    return simulations.simulations_of(session, roster_id)


@router.get("/rosters/{roster_id}/simulations/{simulation_id}", response_model=SimulationRead)
def get_simulation(
    roster_id: PathRowId, simulation_id: PathRowId, session: SessionDep, _user: Staff
) -> SimulationRead:
    """One simulation run with every queue and slot."""
    return simulations.simulation(session, roster_id, simulation_id)
