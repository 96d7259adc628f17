"""Use cases on agents. Only managers change agents (contracts, caps); agents read their own."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.agents import repository
from api.agents.schemas import AgentCreate, AgentRead, AgentUpdate, AidCapBody, ContractBody
from api.audit.repository import record
from api.auth.keys import Principal
from api.auth.service import end_agent_credentials
from api.db.base import utc_now
from api.db.models import Agent
from api.errors import Conflict, FieldIssue, Forbidden, InvalidInput, NotFound
from api.sites import repository as sites
from api.sites.service import require_site
from solver.problem import Agent as SolverAgent
from solver.problem import AidCap, Contract


def require_agent(session: Session, agent_id: str, for_update: bool = False) -> Agent:
    agent = repository.get(session, agent_id, for_update=for_update)
    if agent is None:
        raise NotFound("agent", agent_id)
    return agent


def readable_agent(session: Session, actor: Principal, agent_id: str) -> Agent:
    """The agent, if the caller may see them: staff see everyone, an agent only themself."""
    if actor.role == "agent" and actor.agent_id != agent_id:
        raise Forbidden("an agent may only see their own data")
    return require_agent(session, agent_id)


def aid_cap_of(agent: Agent) -> AidCap | None:
    if agent.aid_cap_hours_per_week is None:
        return None
    return AidCap(
        max_hours_per_week=agent.aid_cap_hours_per_week,
        max_hours_per_day=agent.aid_cap_hours_per_day,
    )


def stored_agent(
    agent: SolverAgent, site_id: str, name: str | None = None, active: bool = True
) -> Agent:
    """The row a solver agent is stored as (its windows are the period's, stored apart):
    what ``build_problem`` reads back with ``contract_of`` and ``aid_cap_of``."""
    cap = agent.aid_cap
    return Agent(
        id=agent.id,
        site_id=site_id,
        name=agent.name if name is None else name,
        time_zone=agent.time_zone,
        country=agent.country,
        skills=list(agent.skills),
        hourly_cost=agent.hourly_cost,
        contract_min_hours_per_week=agent.contract.min_hours_per_week,
        contract_max_hours_per_week=agent.contract.max_hours_per_week,
        aid_cap_hours_per_week=cap.max_hours_per_week if cap else None,
        aid_cap_hours_per_day=cap.max_hours_per_day if cap else None,
        accepts_changes=agent.accepts_changes,
        active=active,
    )


def to_read(agent: Agent) -> AgentRead:
    cap = aid_cap_of(agent)
    return AgentRead(
        id=agent.id,
        site_id=agent.site_id,
        name=agent.name,
        time_zone=agent.time_zone,
        country=agent.country,
        skills=list(agent.skills),
        hourly_cost=agent.hourly_cost,
        contract=ContractBody.model_validate(contract_of(agent).model_dump()),
        aid_cap=AidCapBody.model_validate(cap.model_dump()) if cap else None,
        accepts_changes=agent.accepts_changes,
        active=agent.active,
    )


def contract_of(agent: Agent) -> Contract:
    return Contract(
        min_hours_per_week=agent.contract_min_hours_per_week,
        max_hours_per_week=agent.contract_max_hours_per_week,
    )


def _check_skills(session: Session, site_id: str, skills: list[str]) -> None:
    known = sites.skills_of_site(session, site_id)
    issues = [
        FieldIssue(f"skills[{i}]", f"skill {s!r} is not the skill of any queue of site {site_id!r}")
        for i, s in enumerate(skills)
        if s not in known
    ]
    if issues:
        raise InvalidInput(issues)


def _solver_contract(body: ContractBody) -> Contract:
    return Contract.model_validate(body.model_dump())


def _solver_cap(body: AidCapBody | None) -> AidCap | None:
    return None if body is None else AidCap.model_validate(body.model_dump())


def _check_cap(contract: Contract, cap: AidCap | None) -> None:
    if cap is not None and cap.max_hours_per_week < contract.min_hours_per_week:
        raise InvalidInput(
            [
                FieldIssue(
                    "aid_cap.max_hours_per_week",
                    f"cap {cap.max_hours_per_week} h is below the contract minimum "
                    f"{contract.min_hours_per_week} h",
                )
            ]
        )


def _apply(agent: Agent, values: dict[str, Any], contract: Contract, cap: AidCap | None) -> None:
    for name, value in values.items():
        setattr(agent, name, value)
    agent.contract_min_hours_per_week = contract.min_hours_per_week
    agent.contract_max_hours_per_week = contract.max_hours_per_week
    agent.aid_cap_hours_per_week = cap.max_hours_per_week if cap else None
    agent.aid_cap_hours_per_day = cap.max_hours_per_day if cap else None


def create_agent(session: Session, actor: Principal, data: AgentCreate) -> Agent:
    require_site(session, data.site_id)
    if repository.get(session, data.id) is not None:
        raise Conflict("id", f"agent {data.id!r} already exists")
    _check_skills(session, data.site_id, data.skills)
    contract, cap = _solver_contract(data.contract), _solver_cap(data.aid_cap)
    _check_cap(contract, cap)
    agent = Agent(id=data.id, site_id=data.site_id)
    plain = data.model_dump(exclude={"id", "site_id", "contract", "aid_cap"})
    _apply(agent, plain, contract, cap)
    session.add(agent)
    session.flush()
    record(session, actor, "create", "agent", agent.id)
    return agent


def update_agent(session: Session, actor: Principal, agent_id: str, data: AgentUpdate) -> Agent:
    agent = require_agent(session, agent_id, for_update=True)
    if data.skills is not None:
        _check_skills(session, agent.site_id, data.skills)
    contract = _solver_contract(data.contract) if data.contract else contract_of(agent)
    current = aid_cap_of(agent)
    cap = None if data.remove_aid_cap else (_solver_cap(data.aid_cap) or current)
    _check_cap(contract, cap)
    plain = data.model_dump(exclude={"contract", "aid_cap", "remove_aid_cap"}, exclude_none=True)
    _apply(agent, plain, contract, cap)
    record(
        session, actor, "update", "agent", agent.id, data.model_dump(mode="json", exclude_none=True)
    )
    if data.active is False:
        ended = end_agent_credentials(session, agent.id, utc_now())
        detail = {"keys_revoked": ended.keys_revoked, "sessions_ended": ended.sessions_ended}
        record(session, actor, "end_credentials", "agent", agent.id, detail)
    return agent
