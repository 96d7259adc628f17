"""HTTP routes for sites, rules and queues: parse, call the service, return a schema."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import Manager, SessionDep, Staff
from api.schemas import PathIdentifier
from api.sites import repository, service
from api.sites.schemas import (
    QueueCreate,
    QueueRead,
    QueueUpdate,
    RulesBody,
    SiteCreate,
    SiteRead,
    SiteUpdate,
)

router = APIRouter(tags=["sites and queues"])


@router.post("/sites", status_code=status.HTTP_201_CREATED, response_model=SiteRead)
def create_site(body: SiteCreate, session: SessionDep, user: Manager) -> object:
    return service.create_site(session, user, body)


@router.get("/sites", response_model=list[SiteRead])
def list_sites(session: SessionDep, _user: Staff) -> object:
    return repository.list_sites(session)


@router.get("/sites/{site_id}", response_model=SiteRead)
def get_site(site_id: PathIdentifier, session: SessionDep, _user: Staff) -> object:
    return service.require_site(session, site_id)


@router.patch("/sites/{site_id}", response_model=SiteRead)
def update_site(
    site_id: PathIdentifier, body: SiteUpdate, session: SessionDep, user: Manager
) -> object:
    return service.update_site(session, user, site_id, body)


@router.get("/sites/{site_id}/rules", response_model=RulesBody)
def get_rules(site_id: PathIdentifier, session: SessionDep, _user: Staff) -> object:
    return service.require_site(session, site_id).rules


@router.put("/sites/{site_id}/rules", response_model=RulesBody)
def replace_rules(
    site_id: PathIdentifier, body: RulesBody, session: SessionDep, user: Manager
) -> object:
    return service.replace_rules(session, user, site_id, body)


@router.post(
    "/sites/{site_id}/queues", status_code=status.HTTP_201_CREATED, response_model=QueueRead
)
def create_queue(
    site_id: PathIdentifier, body: QueueCreate, session: SessionDep, user: Manager
) -> object:
    return service.create_queue(session, user, site_id, body)


@router.get("/sites/{site_id}/queues", response_model=list[QueueRead])
def list_queues(site_id: PathIdentifier, session: SessionDep, _user: Staff) -> object:
    service.require_site(session, site_id)
    return repository.queues_of_site(session, site_id)


@router.get("/queues/{queue_id}", response_model=QueueRead)
def get_queue(queue_id: PathIdentifier, session: SessionDep, _user: Staff) -> object:
    return service.require_queue(session, queue_id)


@router.patch("/queues/{queue_id}", response_model=QueueRead)
def update_queue(
    queue_id: PathIdentifier, body: QueueUpdate, session: SessionDep, user: Manager
) -> object:
    return service.update_queue(session, user, queue_id, body)


@router.delete("/queues/{queue_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_queue(queue_id: PathIdentifier, session: SessionDep, user: Manager) -> None:
    service.delete_queue(session, user, queue_id)
