"""HTTP routes for agents."""

from __future__ import annotations

from fastapi import APIRouter, UploadFile, status

from api.agents import csv_import, repository, service
from api.agents.schemas import AgentCreate, AgentRead, AgentUpdate
from api.deps import CurrentUser, Manager, SessionDep, Staff
from api.errors import invalid
from api.schemas import PathIdentifier, QueryIdentifier

router = APIRouter(tags=["agents"])


@router.post("/agents", status_code=status.HTTP_201_CREATED, response_model=AgentRead)
def create_agent(body: AgentCreate, session: SessionDep, user: Manager) -> AgentRead:
    return service.to_read(service.create_agent(session, user, body))


@router.post(
    "/agents/import.csv", status_code=status.HTTP_201_CREATED, response_model=list[AgentRead]
)
def import_agents(file: UploadFile, session: SessionDep, user: Manager) -> list[AgentRead]:
    """Create the agents of a CSV file (columns in ``api/agents/csv_import.py``), all or
    none: every bad row is named by line and field."""
    try:
        text = file.file.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise invalid("file", "must be UTF-8 text") from exc
    return [service.to_read(a) for a in csv_import.import_agents(session, user, text)]


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
