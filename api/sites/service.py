"""Use cases on sites, rules and queues (managers change them; planners read them)."""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import Principal
from api.caller_notice.sentences import default_language
from api.db.models import Queue, Site
from api.errors import Conflict, NotFound, invalid_from
from api.sites import repository
from api.sites.schemas import (
    OpeningHoursBody,
    QueueCreate,
    QueueUpdate,
    RulesBody,
    SiteCreate,
    SiteUpdate,
    WeightsBody,
)
from solver.problem import OpeningHours, Rules, Weights


def require_site(session: Session, site_id: str, lock: str | None = None) -> Site:
    site = repository.get_site(session, site_id, lock=lock)
    if site is None:
        raise NotFound("site", site_id)
    return site


def require_queue(session: Session, queue_id: str) -> Queue:
    queue = repository.get_queue(session, queue_id)
    if queue is None:
        raise NotFound("queue", queue_id)
    return queue


def solver_rules(body: RulesBody, field: str = "") -> Rules:
    """The solver's rules from the wire's; how rules relate is the solver's check (422)."""
    try:
        return Rules.model_validate(body.model_dump())
    except ValidationError as exc:
        raise invalid_from(exc, field) from exc


def solver_weights(body: WeightsBody, field: str = "") -> Weights:
    try:
        return Weights.model_validate(body.model_dump())
    except ValidationError as exc:
        raise invalid_from(exc, field) from exc


def _stored_hours(hours: list[OpeningHoursBody]) -> list[dict[str, object]]:
    return [OpeningHours.model_validate(h.model_dump()).model_dump(mode="json") for h in hours]


def create_site(session: Session, actor: Principal, data: SiteCreate) -> Site:
    if repository.get_site(session, data.id) is not None:
        raise Conflict("id", f"site {data.id!r} already exists")
    site = Site(
        id=data.id,
        name=data.name,
        time_zone=data.time_zone,
        slot_minutes=data.slot_minutes,
        opening_hours=_stored_hours(data.opening_hours),
        rules=solver_rules(data.rules, "rules").model_dump(mode="json"),
        weights=solver_weights(data.weights, "weights").model_dump(mode="json"),
    )
    session.add(site)
    session.flush()
    record(session, actor, "create", "site", site.id)
    return site


def update_site(session: Session, actor: Principal, site_id: str, data: SiteUpdate) -> Site:
    site = require_site(session, site_id)
    if data.name is not None:
        site.name = data.name
    if data.opening_hours is not None:
        site.opening_hours = _stored_hours(data.opening_hours)
    if data.weights is not None:
        site.weights = solver_weights(data.weights, "weights").model_dump(mode="json")
    record(
        session, actor, "update", "site", site.id, data.model_dump(mode="json", exclude_none=True)
    )
    return site


def replace_rules(session: Session, actor: Principal, site_id: str, rules: RulesBody) -> RulesBody:
    """New default rules; periods already created keep the rules they were created with."""
    site = require_site(session, site_id)
    site.rules = solver_rules(rules).model_dump(mode="json")
    record(session, actor, "update", "site.rules", site.id, site.rules)
    return rules


def create_queue(session: Session, actor: Principal, site_id: str, data: QueueCreate) -> Queue:
    require_site(session, site_id, lock="update")
    if repository.get_queue(session, data.id) is not None:
        raise Conflict("id", f"queue {data.id!r} already exists")
    fields = data.model_dump()
    fields["language"] = data.language or default_language(data.id)
    queue = Queue(site_id=site_id, **fields)
    session.add(queue)
    session.flush()
    record(session, actor, "create", "queue", queue.id)
    return queue


def update_queue(session: Session, actor: Principal, queue_id: str, data: QueueUpdate) -> Queue:
    queue = require_queue(session, queue_id)
    require_site(session, queue.site_id, lock="update")
    changes = data.model_dump(exclude_none=True)
    for name, value in changes.items():
        setattr(queue, name, value)
    record(session, actor, "update", "queue", queue.id, changes)
    return queue


def delete_queue(session: Session, actor: Principal, queue_id: str) -> None:
    queue = require_queue(session, queue_id)
    require_site(session, queue.site_id, lock="update")
    if repository.queue_has_demand(session, queue_id):
        raise Conflict("queue_id", f"queue {queue_id!r} has demand; remove the demand first")
    session.delete(queue)
    record(session, actor, "delete", "queue", queue_id)
