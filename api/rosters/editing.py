"""Editing a roster by hand: move, shorten, delete or add a shift, checked by the verifier.

Published rosters are never edited in place: an edit naming one makes a new draft (its
shifts and locks copied) and edits that. A draft is edited in place. Every edit is checked
at once by the independent verifier on the period's whole problem (``build_problem``), the
same checks as a solve's: an edit that breaks a hard rule is refused with each violation
(422), nothing written; one that keeps them stores the draft with its new verdict and KPIs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import Principal
from api.db.models import Roster, RosterShift
from api.errors import FieldIssue, InvalidInput, NotFound, invalid
from api.rosters import repository
from api.rosters.schemas import EditResult, ShiftEdit
from api.rosters.solver_shifts import solver_shift, stored_fields
from api.solves.snapshot import build_problem
from api.solves.worker import stored_figures
from solver.roster import Activity, Shift, Span
from solver.roster import Roster as SolverRoster
from solver.verifier import verify


def _draft_of(session: Session, roster: Roster) -> tuple[Roster, bool]:
    """``roster`` itself when a draft; else a new draft copying its shifts and locks."""
    if roster.version is None:
        return roster, False
    draft = Roster(period_id=roster.period_id, kpis={}, verified_ok=False)
    session.add(draft)
    session.flush()
    session.add_all(
        RosterShift(
            roster_id=draft.id,
            agent_id=s.agent_id,
            start=s.start,
            end=s.end,
            breaks=list(s.breaks),
            activities=list(s.activities),
            locked=s.locked,
        )
        for s in repository.shifts(session, roster.id)
    )
    session.flush()
    return draft, True


def _working_spans(
    start: datetime, end: datetime, breaks: list[Span]
) -> list[tuple[datetime, datetime]]:
    spans, cursor = [], start
    for pause in sorted(breaks, key=lambda b: b.start):
        if pause.start > cursor:
            spans.append((cursor, pause.start))
        cursor = max(cursor, pause.end)
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _reshaped(shift: Shift, start: datetime, end: datetime, queue: str) -> Shift:
    """``shift`` over ``start``-``end``: breaks inside kept, activities on ``queue`` around them."""
    breaks = [b for b in shift.breaks if start <= b.start and b.end <= end]
    activities = [
        Activity(queue=queue, start=a, end=b) for a, b in _working_spans(start, end, breaks)
    ]
    return Shift(
        agent_id=shift.agent_id, start=start, end=end, breaks=breaks, activities=activities
    )


def _span(edit: ShiftEdit) -> tuple[datetime, datetime]:
    if edit.start is None or edit.end is None:
        raise invalid("start" if edit.start is None else "end", f"needed to {edit.action} a shift")
    if edit.end <= edit.start:
        raise invalid("end", "must be after start")
    return edit.start, edit.end


def edit_roster(session: Session, actor: Principal, roster_id: int, edit: ShiftEdit) -> EditResult:
    named = repository.get(session, roster_id, for_update=True)
    if named is None:
        raise NotFound("roster", roster_id)
    draft, new_draft = _draft_of(session, named)
    rows = repository.shifts(session, draft.id)
    by_id = {s.id: s for s in rows}
    if new_draft and edit.shift_id is not None:  # the shift named is the published one's
        published_ids = [s.id for s in repository.shifts(session, named.id)]
        if edit.shift_id in published_ids:
            by_id = {published: copy for published, copy in zip(published_ids, rows, strict=True)}
    shifts = {key: solver_shift(row) for key, row in by_id.items()}
    if edit.action in ("move", "delete"):
        if edit.shift_id is None or edit.shift_id not in shifts:
            raise NotFound("shift", f"{edit.shift_id} in roster {roster_id}")
        if edit.action == "delete":
            del shifts[edit.shift_id]
        else:
            old = shifts[edit.shift_id]
            queue = old.activities[0].queue if old.activities else (edit.queue or "")
            start, end = _span(edit)
            shifts[edit.shift_id] = _reshaped(old, start, end, edit.queue or queue)
    else:
        if edit.agent_id is None or edit.queue is None:
            raise invalid("agent_id" if edit.agent_id is None else "queue", "needed to add a shift")
        start, end = _span(edit)
        blank = Shift(agent_id=edit.agent_id, start=start, end=end)
        shifts[0] = _reshaped(blank, start, end, edit.queue)
    problem = build_problem(session, draft.period_id)
    report = verify(problem, SolverRoster(shifts=list(shifts.values())))
    if not report.ok:
        raise InvalidInput([FieldIssue(f"shift.{v.rule}", str(v)) for v in report.violations[:20]])
    kept = {key for key in shifts if key != 0}
    for key, row in by_id.items():
        if key not in kept:
            session.delete(row)
        else:
            for name, value in stored_fields(shifts[key]).items():
                setattr(row, name, value)
    if 0 in shifts:
        session.add(RosterShift(roster_id=draft.id, **stored_fields(shifts[0])))
    figures = stored_figures(report)
    draft.kpis = figures
    draft.verified_ok = True
    draft.violation_count = 0
    session.flush()
    record(
        session, actor, "edit", "roster", draft.id, edit.model_dump(mode="json", exclude_none=True)
    )
    return EditResult(
        roster_id=draft.id,
        new_draft=new_draft,
        verified_ok=True,
        coverage_percent=figures.get("coverage_percent"),
    )
