"""Queries on rosters, their shifts and absence marks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, Text, cast, except_, func, insert, literal, select
from sqlalchemy.orm import Session

from api.db.models import AbsenceImpact, PlanningPeriod, Replan, Roster, RosterShift


def get(session: Session, roster_id: int, for_update: bool = False) -> Roster | None:
    query = select(Roster).where(Roster.id == roster_id)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).first()


def of_period(session: Session, period_id: int) -> list[Roster]:
    query = select(Roster).where(Roster.period_id == period_id).order_by(Roster.id)
    return list(session.scalars(query))


def by_version(session: Session, period_id: int, version: int) -> Roster | None:
    query = select(Roster).where(Roster.period_id == period_id, Roster.version == version)
    return session.scalars(query).first()


def shifts(
    session: Session,
    roster_id: int,
    agent_id: str | None = None,
    between: tuple[datetime, datetime] | None = None,
) -> list[RosterShift]:
    query = select(RosterShift).where(RosterShift.roster_id == roster_id)
    if agent_id is not None:
        query = query.where(RosterShift.agent_id == agent_id)
    if between is not None:
        query = query.where(RosterShift.start < between[1], RosterShift.end > between[0])
    return list(session.scalars(query.order_by(RosterShift.start, RosterShift.agent_id)))


def shifts_of_agents(session: Session, roster_id: int, agent_ids: list[str]) -> list[RosterShift]:
    query = select(RosterShift).where(
        RosterShift.roster_id == roster_id, RosterShift.agent_id.in_(agent_ids)
    )
    return list(session.scalars(query.order_by(RosterShift.agent_id, RosterShift.start)))


def agents_on_queue(session: Session, roster_id: int, queue: str) -> set[str]:
    """Agents with at least one activity on ``queue`` in the roster (reads two columns)."""
    query = select(RosterShift.agent_id, RosterShift.activities).where(
        RosterShift.roster_id == roster_id
    )
    return {
        agent_id
        for agent_id, activities in session.execute(query)
        if any(a["queue"] == queue for a in activities)
    }


def activities_by_agent(session: Session, roster_id: int) -> list[tuple[str, list[Any]]]:
    """Each shift's agent and activities, nothing else (what coverage counts from)."""
    query = select(RosterShift.agent_id, RosterShift.activities).where(
        RosterShift.roster_id == roster_id
    )
    return [(agent_id, activities) for agent_id, activities in session.execute(query)]


def agents_with_changes(session: Session, before_id: int, after_id: int) -> list[str]:
    """Agents whose shifts (span or breaks) differ between two rosters, found by the database.

    Breaks are compared as their stored text: equal text is surely equal breaks, and the
    rare equal breaks written differently only bring an agent whose comparison then finds
    nothing, so the result is never missing an agent that changed.
    """

    def rows(roster_id: int) -> Select[str, datetime, datetime, str]:
        return select(
            RosterShift.agent_id,
            RosterShift.start,
            RosterShift.end,
            cast(RosterShift.breaks, Text),
        ).where(RosterShift.roster_id == roster_id)

    agents: set[str] = set()
    for one, other in ((before_id, after_id), (after_id, before_id)):
        differing = except_(rows(one), rows(other)).subquery()
        agents.update(session.scalars(select(differing.c.agent_id).distinct()))
    return sorted(agents)


def copy_shifts(session: Session, source_id: int, target_id: int, leaving_out: list[int]) -> None:
    """Copy the shifts of roster ``source_id`` into ``target_id``, but those of ids
    ``leaving_out``, in one statement (a new version differs from the last in few shifts)."""
    columns = ("agent_id", "start", "end", "breaks", "activities")
    query = select(
        literal(target_id).label("roster_id"), *(getattr(RosterShift, c) for c in columns)
    ).where(RosterShift.roster_id == source_id)
    if leaving_out:
        query = query.where(RosterShift.id.not_in(leaving_out))
    session.execute(insert(RosterShift).from_select(["roster_id", *columns], query))


def shift_counts(session: Session, roster_ids: list[int]) -> dict[int, int]:
    query = (
        select(RosterShift.roster_id, func.count())
        .where(RosterShift.roster_id.in_(roster_ids))
        .group_by(RosterShift.roster_id)
    )
    return {roster_id: count for roster_id, count in session.execute(query)}


def absences_by_shift(session: Session, shift_ids: list[int]) -> dict[int, list[int]]:
    marks: dict[int, list[int]] = defaultdict(list)
    if not shift_ids:
        return marks
    query = select(AbsenceImpact.shift_id, AbsenceImpact.absence_id).where(
        AbsenceImpact.shift_id.in_(shift_ids)
    )
    for shift_id, absence_id in session.execute(query):
        marks[shift_id].append(absence_id)
    return marks


def current_published(session: Session, site_id: str | None = None) -> list[Roster]:
    """The latest published version of every period (of one site, if given)."""
    latest = (
        select(Roster.period_id, func.max(Roster.version).label("version"))
        .where(Roster.version.is_not(None))
        .group_by(Roster.period_id)
        .subquery()
    )
    query = select(Roster).join(
        latest, (Roster.period_id == latest.c.period_id) & (Roster.version == latest.c.version)
    )
    if site_id is not None:
        query = query.join(PlanningPeriod, PlanningPeriod.id == Roster.period_id).where(
            PlanningPeriod.site_id == site_id
        )
    return list(session.scalars(query.order_by(Roster.period_id)))


def published_shifts_before(
    session: Session,
    site_id: str,
    instant: datetime,
    days: int = 7,
    agent_ids: Collection[str] | None = None,
) -> list[RosterShift]:
    """Shifts of the site's published rosters (each period's newest version) that lie in
    the ``days`` before ``instant``: what the agents worked just before a new period."""
    latest = (
        select(Roster.period_id, func.max(Roster.version).label("version"))
        .where(Roster.version.is_not(None))
        .group_by(Roster.period_id)
        .subquery()
    )
    query = (
        select(RosterShift)
        .join(Roster, Roster.id == RosterShift.roster_id)
        .join(
            latest,
            (Roster.period_id == latest.c.period_id) & (Roster.version == latest.c.version),
        )
        .join(PlanningPeriod, PlanningPeriod.id == Roster.period_id)
        .where(
            PlanningPeriod.site_id == site_id,
            RosterShift.end <= instant,
            RosterShift.start >= instant - timedelta(days=days),
        )
    )
    if agent_ids is not None:
        query = query.where(RosterShift.agent_id.in_(list(agent_ids)))
    return list(session.scalars(query.order_by(RosterShift.agent_id, RosterShift.start)))


def _newest_published(period_id: int) -> Select[Roster]:
    return (
        select(Roster)
        .where(Roster.period_id == period_id, Roster.version.is_not(None))
        .order_by(Roster.version.desc())
        .limit(1)
    )


def published(session: Session, period_id: int) -> Roster | None:
    """The newest published version of the period: what agents see, and what re-plans heal."""
    return session.scalars(_newest_published(period_id)).first()


@dataclass(frozen=True)
class RosterHead:
    """Who a roster is, without its shifts or its report (the report is the heavy part)."""

    id: int
    version: int | None
    created_at: datetime
    published_at: datetime | None


def published_head(session: Session, period_id: int) -> RosterHead | None:
    """:func:`published`, reading four columns only (not the report, per-request reads)."""
    query = _newest_published(period_id).with_only_columns(
        Roster.id, Roster.version, Roster.created_at, Roster.published_at
    )
    row = session.execute(query).first()
    return None if row is None else RosterHead(*row)


def published_version(session: Session, period_id: int) -> int | None:
    """The number of the newest published version (reads one column)."""
    query = select(func.max(Roster.version)).where(Roster.period_id == period_id)
    version: int | None = session.scalar(query)
    return version


def published_versions(session: Session, period_ids: list[int]) -> dict[int, int]:
    """The newest published version of each period that has one (one query)."""
    if not period_ids:
        return {}
    query = (
        select(Roster.period_id, func.max(Roster.version))
        .where(Roster.period_id.in_(period_ids), Roster.version.is_not(None))
        .group_by(Roster.period_id)
    )
    return {period_id: version for period_id, version in session.execute(query) if version}


def newest_publishable_draft(
    session: Session, period_id: int, base: Roster | None
) -> Roster | None:
    """The newest verified draft that may follow ``base`` (the current version, if any).

    Before a first publication any verified draft qualifies; afterwards only re-plan drafts
    built on the current version (a draft made from an older version would undo it).
    """
    query = select(Roster).where(
        Roster.period_id == period_id, Roster.version.is_(None), Roster.verified_ok.is_(True)
    )
    if base is not None:
        query = query.join(Replan, Replan.solve_run_id == Roster.solve_run_id).where(
            Replan.base_roster_id == base.id
        )
    return session.scalars(query.order_by(Roster.id.desc()).limit(1)).first()


def next_version(session: Session, period_id: int) -> int:
    query = select(func.max(Roster.version)).where(Roster.period_id == period_id)
    return int(session.scalar(query) or 0) + 1
