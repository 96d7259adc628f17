"""Open shifts nobody picked up by the policy's deadline: closed, and their hours re-planned.

With ``open_shift_deadline_hours`` set, freed hours (and posted unmet demand) are first left
to the agents as open shifts; an open shift still open that many hours before it starts is
taken off the board and the period goes through the one minimal-change re-plan
(``api.replans.service.replan_period``), whose draft covers what it can of the hours and is
published as any re-plan (by a manager, or at the cut-off).

Three steps, as a re-plan's own, so no transaction is held open while the solver works:
1. ``hold``: with the period locked (a pick-up waits for it), the due shifts move from
   ``open`` to ``replanning``, so nobody picks up hours the solver is covering;
2. the re-plan;
3. ``settle``: drafted, they are ``replanned`` (audited with the re-plan's run); otherwise
   (skipped because a re-plan is running, failed, no roster) they are ``open`` again, and
   the next run of the job tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import SCHEDULER
from api.db.database import Database
from api.periods.service import require_period
from api.replans.service import ReplanOutcome, replan_period
from api.requests import repository
from api.requests.policies import Policy
from api.settings import Settings
from api.solves.execution import SolveExecution

log = logging.getLogger(__name__)
TRIGGER = "open_shifts"


def replan_unpicked(
    database: Database,
    execution: SolveExecution,
    settings: Settings,
    clock: Callable[[], datetime],
) -> list[ReplanOutcome]:
    """Close the open shifts past their site's deadline and re-plan each of their periods;
    the re-plans' outcomes (none when nothing is due)."""
    with database.session(write=True) as session:
        held = hold_due(session, clock())
    outcomes = []
    for period_id, shift_ids in sorted(held.items()):
        outcome: ReplanOutcome | None = None
        try:
            outcome = replan_period(database, execution, settings, period_id, TRIGGER, clock)
            outcomes.append(outcome)
        finally:
            with database.session(write=True) as session:
                settle(session, period_id, shift_ids, outcome)
    return outcomes


def hold_due(session: Session, now: datetime) -> dict[int, list[int]]:
    """The open shifts past their site's deadline, moved to ``replanning``, by period."""
    held: dict[int, list[int]] = {}
    for row in repository.policies(session):
        hours = Policy.model_validate(row.policy).open_shift_deadline_hours
        if hours is None:
            continue
        due = repository.open_shifts_starting(
            session, row.site_id, now, now + timedelta(hours=hours)
        )
        for period_id in sorted({s.period_id for s in due}):
            require_period(session, period_id, lock="update")
            ids = [s.id for s in due if s.period_id == period_id]
            repository.hold(session, ids, "open", "replanning")
            held[period_id] = ids
    return held


def settle(
    session: Session, period_id: int, shift_ids: list[int], outcome: ReplanOutcome | None
) -> None:
    """After the re-plan: ``replanned`` when it drafted a roster, ``open`` again otherwise."""
    drafted = outcome is not None and outcome.status == "drafted"
    repository.hold(session, shift_ids, "replanning", "replanned" if drafted else "open")
    if drafted:
        assert outcome is not None
        record(
            session,
            SCHEDULER,
            "replan",
            "open_shifts",
            period_id,
            {"open_shift_ids": shift_ids, "run_id": outcome.run_id, "roster_id": outcome.roster_id},
        )
    else:
        why = "it raised" if outcome is None else f"{outcome.status} {outcome.reason}"
        log.warning(
            "open shifts %s of period %s stay open: the re-plan %s", shift_ids, period_id, why
        )
