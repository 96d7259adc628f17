"""HTTP routes for agents."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.agents import repository, service
from api.agents.schemas import AgentCreate, AgentRead, AgentUpdate
from api.deps import CurrentUser, Manager, SessionDep, Staff
from api.schemas import PathIdentifier, QueryIdentifier

router = APIRouter(tags=["agents"])


@router.post("/agents", status_code=status.HTTP_201_CREATED, response_model=AgentRead)
def create_agent(body: AgentCreate, session: SessionDep, user: Manager) -> AgentRead:
    return service.to_read(service.create_agent(session, user, body))


@router.get("/agents", response_model=list[AgentRead])
def list_agents(
    session: SessionDep, _user: Staff, site_id: QueryIdentifier = None
) -> list[AgentRead]:
    return [service.to_read(a) for a in repository.list_agents(session, site_id)]


@router.get("/agents/{agent_id}", response_model=AgentRead)
def get_agent(agent_id: PathIdentifier, session: SessionDep, user: CurrentUser) -> AgentRead:
    return service.to_read(service.readable_agent(session, user, agent_id))


@router.patch("/agents/{agent_id}", response_model=AgentRead)
def update_agent(
    agent_id: PathIdentifier, body: AgentUpdate, session: SessionDep, user: Manager
) -> AgentRead:
    return service.to_read(service.update_agent(session, user, agent_id, body))


@router.delete("/agents/{agent_id}", status_code=status.HTTP_204_NO_CONTENT)
def deactivate_agent(agent_id: PathIdentifier, session: SessionDep, user: Manager) -> None:
    """Agents are deactivated, never deleted: published rosters keep naming them.

    A deactivated agent is left out of later solves and loses every credential (keys, web
    sessions, calendar feed); ``PATCH {"active": true}`` brings them back, with a new key.
    """
    service.update_agent(session, user, agent_id, AgentUpdate(active=False))
