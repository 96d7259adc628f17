"""HTTP routes for availability. Agents act on their own; managers may act for anyone."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.availability import service
from api.availability.schemas import (
    AvailabilityCheck,
    AvailabilityRead,
    AvailabilitySubmission,
)
from api.deps import CurrentUser, SessionDep, SettingsDep
from api.schemas import PathIdentifier, PathRowId

router = APIRouter(tags=["availability"])
PATH = "/periods/{period_id}/availability/{agent_id}"


@router.get(PATH, response_model=AvailabilityRead)
def read_availability(
    period_id: PathRowId, agent_id: PathIdentifier, session: SessionDep, user: CurrentUser
) -> AvailabilityRead:
    return service.read(session, user, period_id, agent_id)


@router.post(PATH, response_model=AvailabilityRead)
def submit_availability(
    period_id: PathRowId,
    agent_id: PathIdentifier,
    body: AvailabilitySubmission,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> AvailabilityRead:
    """Add windows to those already submitted; refused whole if any window is wrong."""
    return service.submit(session, user, settings, period_id, agent_id, body, replace=False)


@router.post(PATH + "/check", response_model=AvailabilityCheck)
def check_availability(
    period_id: PathRowId,
    agent_id: PathIdentifier,
    body: AvailabilitySubmission,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
    replace: Annotated[
        bool, Query(description="Check as a PUT (replace all) rather than a POST (add).")
    ] = False,
) -> AvailabilityCheck:
    """Dry run: the checks of ``POST`` (or ``PUT`` with ``replace=true``), nothing stored.

    The availability page calls this on every change, so the one set of rules here is the
    only one: the page's script holds no validation of its own.
    """
    return service.check(session, user, settings, period_id, agent_id, body, replace)


@router.put(PATH, response_model=AvailabilityRead)
def replace_availability(
    period_id: PathRowId,
    agent_id: PathIdentifier,
    body: AvailabilitySubmission,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> AvailabilityRead:
    """Replace every window of the agent for the period."""
    return service.submit(session, user, settings, period_id, agent_id, body, replace=True)


@router.delete(PATH, response_model=AvailabilityRead)
def withdraw_availability(
    period_id: PathRowId, agent_id: PathIdentifier, session: SessionDep, user: CurrentUser
) -> AvailabilityRead:
    return service.withdraw(session, user, period_id, agent_id)


@router.delete(PATH + "/windows/{window_id}", response_model=AvailabilityRead)
def withdraw_window(
    period_id: PathRowId,
    agent_id: PathIdentifier,
    window_id: PathRowId,
    session: SessionDep,
    user: CurrentUser,
) -> AvailabilityRead:
    return service.withdraw(session, user, period_id, agent_id, window_id)
