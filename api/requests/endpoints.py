"""HTTP routes for agents' requests after publication, open shifts and request policies.

An agent asks for themself (a manager may ask for anyone); staff read every request, an
agent only their own; a manager decides the pending ones.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, status

from api.auth.keys import Principal
from api.db.base import utc_now
from api.deps import CurrentUser, Manager, SessionDep, SettingsDep, Staff, require_role
from api.requests import service, swaps, unmet
from api.requests.policies import Policy
from api.requests.schemas import (
    DeclineBody,
    DropCreate,
    ExtraHoursCreate,
    ExtraHoursRead,
    OpenShiftRead,
    PickUpCreate,
    RequestRead,
    SwapCreate,
    TimeOffCreate,
)
from api.schemas import PathIdentifier, PathRowId, QueryIdentifier
from api.web.i18n import language_of

router = APIRouter(tags=["requests"])
Asker = Annotated[Principal, Depends(require_role("manager", "agent"))]
AgentOnly = Annotated[Principal, Depends(require_role("agent"))]


def _language(request: Request) -> str:
    """The caller's language for reasons: ``?lang=``, then ``Accept-Language`` (en, fr)."""
    return language_of(request)


Language = Annotated[str, Depends(_language)]
Status = Annotated[
    Literal["pending", "waitlisted", "approved", "declined", "withdrawn"] | None, Query()
]


@router.get("/sites/{site_id}/request-policy", response_model=Policy)
def get_policy(site_id: PathIdentifier, session: SessionDep, _user: Staff) -> Policy:
    return service.read_policy(session, site_id)


@router.put("/sites/{site_id}/request-policy", response_model=Policy)
def put_policy(site_id: PathIdentifier, body: Policy, session: SessionDep, user: Manager) -> Policy:
    return service.replace_policy(session, user, site_id, body, utc_now())


@router.post(
    "/agents/{agent_id}/requests/time-off",
    status_code=status.HTTP_201_CREATED,
    response_model=RequestRead,
)
def ask_time_off(
    agent_id: PathIdentifier,
    body: TimeOffCreate,
    session: SessionDep,
    language: Language,
    user: Asker,
) -> RequestRead:
    """Time off over a span: answered at once (approved, declined, or sent to a manager),
    with the reason in ``decision``; an approval publishes a new roster version."""
    return service.ask_time_off(session, user, agent_id, body, utc_now(), language=language)


@router.post(
    "/agents/{agent_id}/requests/drop",
    status_code=status.HTTP_201_CREATED,
    response_model=RequestRead,
)
def ask_drop(
    agent_id: PathIdentifier, body: DropCreate, session: SessionDep, language: Language, user: Asker
) -> RequestRead:
    """Give back a published shift; its hours become an open shift when approved."""
    return service.ask_drop(session, user, agent_id, body, utc_now(), language=language)


@router.post(
    "/agents/{agent_id}/requests/pick-up",
    status_code=status.HTTP_201_CREATED,
    response_model=RequestRead,
)
def ask_pick_up(
    agent_id: PathIdentifier,
    body: PickUpCreate,
    session: SessionDep,
    language: Language,
    user: Asker,
) -> RequestRead:
    """Take an open shift; 409 when another agent took it first or the rules forbid it."""
    return service.ask_pick_up(session, user, agent_id, body, utc_now(), language=language)


@router.post(
    "/agents/{agent_id}/requests/swap",
    status_code=status.HTTP_201_CREATED,
    response_model=RequestRead,
)
def ask_swap(
    agent_id: PathIdentifier, body: SwapCreate, session: SessionDep, language: Language, user: Asker
) -> RequestRead:
    """Offer a shift to a named colleague (optionally for one of theirs) or, without one, to
    the colleagues who may legally take it (``candidates``, best first); status ``offered``."""
    return swaps.ask_swap(session, user, agent_id, body, utc_now(), language=language)


@router.post(
    "/agents/{agent_id}/requests/extra-hours",
    status_code=status.HTTP_201_CREATED,
    response_model=ExtraHoursRead,
)
def offer_extra_hours(
    agent_id: PathIdentifier,
    body: ExtraHoursCreate,
    session: SessionDep,
    language: Language,
    settings: SettingsDep,
    user: Asker,
) -> ExtraHoursRead:
    """Offer more hours after publication: stored as availability, with the open shifts the
    agent may now legally work."""
    return service.offer_extra_hours(
        session, user, settings, agent_id, body, utc_now(), language=language
    )


@router.get("/agents/{agent_id}/swap-offers", response_model=list[RequestRead])
def swap_offers(
    agent_id: PathIdentifier, session: SessionDep, language: Language, user: CurrentUser
) -> list[RequestRead]:
    """Swaps waiting for this agent's agreement (the only other agents' requests they see)."""
    return swaps.offers_for(session, user, agent_id, language=language)


@router.post("/requests/{request_id}/accept", response_model=RequestRead)
def accept_swap(
    request_id: PathRowId, session: SessionDep, language: Language, user: AgentOnly
) -> RequestRead:
    """A colleague agrees to a swap: checked whole, then decided by the policy."""
    return swaps.accept(session, user, request_id, utc_now(), language=language)


@router.get("/agents/{agent_id}/requests", response_model=list[RequestRead])
def agent_requests(
    agent_id: PathIdentifier, session: SessionDep, language: Language, user: CurrentUser
) -> list[RequestRead]:
    return service.of_agent(session, user, agent_id, language=language)


@router.get("/agents/{agent_id}/open-shifts", response_model=list[OpenShiftRead])
def agent_open_shifts(
    agent_id: PathIdentifier, session: SessionDep, user: CurrentUser
) -> list[OpenShiftRead]:
    """The open shifts this agent may legally work (the verifier's rules), soonest first."""
    return service.open_shifts_for(session, user, agent_id, utc_now())


@router.get("/periods/{period_id}/open-shifts", response_model=list[OpenShiftRead])
def period_open_shifts(
    period_id: PathRowId, session: SessionDep, _user: Staff
) -> list[OpenShiftRead]:
    return service.open_shifts_of_period(session, period_id)


@router.post(
    "/periods/{period_id}/open-shifts",
    status_code=status.HTTP_201_CREATED,
    response_model=list[OpenShiftRead],
)
def post_unmet_demand(
    period_id: PathRowId, session: SessionDep, user: Manager
) -> list[OpenShiftRead]:
    """Post the newest version's unmet demand as open shifts (those not posted already)."""
    return unmet.post_unmet_demand(session, user, period_id)


@router.get("/requests", response_model=list[RequestRead])
def list_requests(
    session: SessionDep,
    language: Language,
    _user: Staff,
    status_is: Annotated[Status, Query(alias="status")] = None,
    site_id: QueryIdentifier = None,
) -> list[RequestRead]:
    """Requests oldest first; ``status=pending`` is a manager's list, each with its impact."""
    return service.listing(session, status_is, site_id, language=language)


@router.get("/requests/{request_id}", response_model=RequestRead)
def get_request(
    request_id: PathRowId, session: SessionDep, language: Language, user: CurrentUser
) -> RequestRead:
    return service.read(session, user, request_id, language=language)


@router.post("/requests/{request_id}/withdraw", response_model=RequestRead)
def withdraw(
    request_id: PathRowId, session: SessionDep, language: Language, user: Asker
) -> RequestRead:
    """Withdraw a request not decided yet (its agent, or a manager)."""
    return service.withdraw(session, user, request_id, utc_now(), language=language)


@router.post("/requests/{request_id}/approve", response_model=RequestRead)
def approve(
    request_id: PathRowId, session: SessionDep, language: Language, user: Manager
) -> RequestRead:
    """Approve a pending request: the change is checked again on the newest version."""
    return service.approve(session, user, request_id, utc_now(), language=language)


@router.post("/requests/{request_id}/decline", response_model=RequestRead)
def decline(
    request_id: PathRowId,
    session: SessionDep,
    language: Language,
    user: Manager,
    body: DeclineBody | None = None,
) -> RequestRead:
    return service.decline(
        session, user, request_id, body or DeclineBody(), utc_now(), language=language
    )
