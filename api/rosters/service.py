"""Use cases on rosters. A published roster is never changed: publishing assigns the next
version number to a draft, and the newest published version is what agents see."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.agents.service import readable_agent
from api.auth.keys import Principal
from api.db.models import Roster, RosterShift
from api.errors import NotFound, invalid
from api.periods.service import require_period
from api.rosters import comparison, repository
from api.rosters.schemas import (
    ActivityRead,
    CoverageRow,
    MovedShift,
    PublishedShifts,
    RosterComparison,
    RosterRead,
    RosterSummary,
    ShiftChange,
    ShiftRead,
    SpanRead,
)
from api.sites.service import require_site
from solver.local_time import day_start_utc
from solver.replan import ShiftChange as SolverShiftChange

HEADLINE_EXCLUDED = ("queues", "slot_starts", "violations")


def require_roster(session: Session, roster_id: int, for_update: bool = False) -> Roster:
    roster = repository.get(session, roster_id, for_update=for_update)
    if roster is None:
        raise NotFound("roster", roster_id)
    return roster


def site_zone(session: Session, roster: Roster) -> ZoneInfo:
    period = require_period(session, roster.period_id)
    return ZoneInfo(require_site(session, period.site_id).time_zone)


def shift_reads(session: Session, shifts: list[RosterShift], zone: ZoneInfo) -> list[ShiftRead]:
    marks = repository.absences_by_shift(session, [s.id for s in shifts])
    return [
        ShiftRead(
            id=s.id,
            agent_id=s.agent_id,
            start=s.start,
            end=s.end,
            local_start=s.start.astimezone(zone),
            breaks=[SpanRead.model_validate(b) for b in s.breaks],
            activities=[ActivityRead.model_validate(a) for a in s.activities],
            absence_ids=sorted(marks.get(s.id, [])),
            locked=s.locked,
        )
        for s in shifts
    ]


def summary(roster: Roster, shift_count: int) -> RosterSummary:
    return RosterSummary(
        id=roster.id,
        period_id=roster.period_id,
        solve_run_id=roster.solve_run_id,
        version=roster.version,
        published_at=roster.published_at,
        created_at=roster.created_at,
        shift_count=shift_count,
        kpis={k: v for k, v in roster.kpis.items() if k not in HEADLINE_EXCLUDED},
    )


def summary_of(session: Session, roster: Roster) -> RosterSummary:
    return summary(roster, repository.shift_counts(session, [roster.id]).get(roster.id, 0))


def of_period(session: Session, period_id: int) -> list[RosterSummary]:
    require_period(session, period_id)
    rosters = repository.of_period(session, period_id)
    counts = repository.shift_counts(session, [r.id for r in rosters])
    return [summary(r, counts.get(r.id, 0)) for r in rosters]


def read(
    session: Session,
    roster_id: int,
    day: date | None = None,
    agent_id: str | None = None,
    queue: str | None = None,
) -> RosterRead:
    """The roster, optionally narrowed to one site-local day, one agent or one queue."""
    roster = require_roster(session, roster_id)
    zone = site_zone(session, roster)
    between = None
    if day is not None:
        start = day_start_utc(day, zone)
        end = day_start_utc(day + timedelta(days=1), zone)
        between = (start, end)
    shifts = repository.shifts(session, roster.id, agent_id, between)
    if queue is not None:
        shifts = [s for s in shifts if any(a["queue"] == queue for a in s.activities)]
    head = summary_of(session, roster)
    return RosterRead(**head.model_dump(), shifts=shift_reads(session, shifts, zone))


def coverage(session: Session, roster_id: int, queue: str | None = None) -> list[CoverageRow]:
    roster = require_roster(session, roster_id)
    starts = roster.kpis.get("slot_starts", [])
    rows = []
    for queue_id, figures in sorted(roster.kpis.get("queues", {}).items()):
        if queue is not None and queue_id != queue:
            continue
        countries = figures.get("countries") or [[] for _ in starts]
        for i, start in enumerate(starts):
            rows.append(
                CoverageRow(
                    queue=queue_id,
                    start=start,
                    required=figures["required"][i],
                    scheduled=figures["scheduled"][i],
                    unmet=figures["unmet"][i],
                    over=figures["over"][i],
                    countries=list(countries[i]),
                )
            )
    return rows


def side_of_comparison(
    session: Session,
    period_id: int,
    side: str,
    roster_id: int | None,
    version: int | None,
) -> Roster:
    """The roster one side of a comparison names: by roster id (``{side}_roster``, drafts
    included) or by published version (``{side}``), exactly one of the two."""
    if (roster_id is None) == (version is None):
        raise invalid(
            f"{side}_roster",
            f"give either {side}_roster (a roster id) or {side} (a published version), not "
            + ("both" if roster_id is not None else "neither"),
        )
    if roster_id is not None:
        roster = repository.get(session, roster_id)
        if roster is None or roster.period_id != period_id:
            raise NotFound("roster", f"{roster_id} in period {period_id}")
        return roster
    assert version is not None
    found = repository.by_version(session, period_id, version)
    if found is None:
        raise NotFound("version", f"v{version} of period {period_id}")
    return found


def compare(session: Session, period_id: int, base: Roster, other: Roster) -> RosterComparison:
    """Which shifts each agent gains, loses or sees moved from roster ``base`` to ``other``."""
    require_period(session, period_id)
    rosters = [repository.shifts(session, roster.id) for roster in (base, other)]
    deltas = comparison.by_agent(rosters[0], rosters[1])
    changed = sum(1 for d in deltas for c in d.changes if c.kind != "added")
    return RosterComparison(
        period_id=period_id,
        base_roster_id=base.id,
        other_roster_id=other.id,
        base_version=base.version,
        other_version=other.version,
        unchanged_shifts=len(rosters[0]) - changed,
        changes=[_agent_changes(d) for d in deltas],
        hours_delta=round(
            comparison.total_paid_hours(rosters[1]) - comparison.total_paid_hours(rosters[0]), 4
        ),
    )


def _agent_changes(delta: comparison.AgentDelta) -> ShiftChange:
    def span(change: SolverShiftChange, side: str) -> SpanRead:
        return SpanRead.model_validate(getattr(change, side).model_dump())

    return ShiftChange(
        agent_id=delta.agent_id,
        added=[span(c, "after") for c in delta.changes if c.kind == "added"],
        removed=[span(c, "before") for c in delta.changes if c.kind == "removed"],
        moved=[
            MovedShift(before=span(c, "before"), after=span(c, "after"))
            for c in delta.changes
            if c.kind == "moved"
        ],
        hours_before=delta.hours_before,
        hours_after=delta.hours_after,
    )


def published_shifts(session: Session, actor: Principal, agent_id: str) -> PublishedShifts:
    """The agent's shifts in the newest published version of every period of their site."""
    agent = readable_agent(session, actor, agent_id)
    zone = ZoneInfo(require_site(session, agent.site_id).time_zone)
    shifts: list[RosterShift] = []
    for roster in repository.current_published(session, agent.site_id):
        shifts += repository.shifts(session, roster.id, agent_id=agent.id)
    return PublishedShifts(agent_id=agent.id, shifts=shift_reads(session, shifts, zone))
