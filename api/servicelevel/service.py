"""Expected service level of a roster, judged once when the roster is recorded.

The period's demand is required agents; the contacts and handle times behind it exist only
when the demand was staffed from contact history (``api.periods.history_upload``). That
staffing plan (forecast and policy) is kept on the period, and every roster recorded for
the period is judged against it with ``solver.staffing.roster_service.judge_roster``
(Erlang C, or Erlang A when the policy gives a patience): per queue and slot the service
level and ASA, per queue and week the volume-weighted figures. The result is stored with
the roster, so it stays what it was when the roster was made even if the demand changes.

Without a plan (demand uploaded as required agents) there is nothing to judge: the read
says so instead of inventing contacts.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.errors import NotFound
from api.servicelevel import repository
from api.servicelevel.schemas import ServiceLevelRead
from solver.roster import Roster as SolverRoster
from solver.staffing.requirements import StaffingPlan
from solver.staffing.roster_service import judge_roster

log = logging.getLogger(__name__)

NO_PLAN = (
    "no forecast for this roster: its period's demand was given as required agents, "
    "not staffed from contact history"
)


def keep_plan(session: Session, period_id: int, plan: StaffingPlan | None) -> None:
    """Remember (or forget, with None) the plan the period's demand was staffed from."""
    repository.set_period_plan(
        session, period_id, None if plan is None else plan.model_dump(mode="json")
    )


def period_plan(session: Session, period_id: int) -> StaffingPlan | None:
    """The period's staffing plan, or None (none kept, or one this version cannot read)."""
    stored = repository.period_plan(session, period_id)
    if stored is None:
        return None
    try:
        return StaffingPlan.model_validate(stored)
    except ValidationError:
        log.warning("period %s: stored staffing plan unreadable; no service level", period_id)
        return None


def expected_service(plan: StaffingPlan, roster: SolverRoster) -> dict[str, Any]:
    """The stored form: the judge's report with the queue model it used."""
    report = judge_roster(roster, plan).as_dict()
    policy = plan.policy
    report["model"] = "erlang_c" if policy.patience_seconds is None else "erlang_a"
    report["patience_seconds"] = policy.patience_seconds
    report["shrinkage"] = policy.shrinkage
    return report


def judge_for_period(
    session: Session, period_id: int, roster: SolverRoster
) -> dict[str, Any] | None:
    """What ``record_result`` stores with a new roster; None without a usable plan.

    A plan made for another horizon than the roster's (the period was edited since) is not
    used: its slots would not be the roster's.
    """
    plan = period_plan(session, period_id)
    if plan is None:
        return None
    try:
        return expected_service(plan, roster)
    except (ValueError, KeyError) as exc:
        log.warning("period %s: service level not computed: %s", period_id, exc)
        return None


def of_roster(session: Session, roster_id: int) -> ServiceLevelRead:
    roster = repository.roster(session, roster_id)
    if roster is None:
        raise NotFound("roster", roster_id)
    stored = roster.service_level
    if stored is None:
        return ServiceLevelRead(roster_id=roster_id, available=False, reason=NO_PLAN)
    return ServiceLevelRead.model_validate({**stored, "roster_id": roster_id, "available": True})
