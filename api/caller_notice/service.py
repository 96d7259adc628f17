"""The caller notice: which countries a queue's calls are answered from, slot by slot.

Counted from the newest published roster of the period in force (what agents work, not a
draft), with every reported absence taken out of the absent agent's shifts, by the one
computation the verifier uses for the roster's coverage report
(``solver.verifier.coverage.staffed_by_country``): an agent answers in a slot when one of
their activities on the queue spans the whole slot.

The published roster changes only on publication and absences only when one is reported, so
the per-slot table of a period is kept in memory under a key naming exactly what it was
counted from (the roster, the absences, where each agent works from): a request reads that
key (a few small queries) and recounts only when it changed. Several server processes each
keep their own table; none can serve a stale one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.absences import repository as absences
from api.agents import repository as agents
from api.caller_notice.schemas import (
    CallerNotice,
    CallerNoticeDay,
    NoticeCountry,
    NoticeSlot,
)
from api.caller_notice.sentences import NoticeLanguage, country_name, sentence
from api.db.models import PlanningPeriod, Queue, Site
from api.periods import repository as periods
from api.periods.service import period_bounds
from api.rosters import repository as rosters
from api.rosters.repository import RosterHead
from api.sites.service import require_queue, require_site
from solver.local_time import day_start_utc
from solver.problem import MAX_HORIZON_DAYS
from solver.verifier.coverage import staffed_by_country
from solver.verifier.intervals import Interval

_CACHED_TABLES = 32


@dataclass(frozen=True)
class StaffedTable:
    """Agents per queue, country and slot of one period's published roster."""

    start: datetime
    slot: timedelta
    slot_count: int
    staffed: dict[tuple[str, str], list[int]]

    def countries(self, queue: str, slot: int) -> list[tuple[str, int]]:
        """``(country, agents)`` on the queue in the slot, most agents first."""
        present = [
            (country, counts[slot])
            for (q, country), counts in self.staffed.items()
            if q == queue and 0 <= slot < self.slot_count and counts[slot]
        ]
        return sorted(present, key=lambda item: (-item[1], item[0]))


class _Tables:
    """The last few tables counted, by what they were counted from (thread-safe)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._tables: OrderedDict[tuple[Any, ...], StaffedTable] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> StaffedTable | None:
        with self._lock:
            table = self._tables.get(key)
            if table is not None:
                self._tables.move_to_end(key)
            return table

    def put(self, key: tuple[Any, ...], table: StaffedTable) -> None:
        with self._lock:
            self._tables[key] = table
            while len(self._tables) > self._size:
                self._tables.popitem(last=False)


_tables = _Tables(_CACHED_TABLES)


@dataclass(frozen=True)
class _InForce:
    queue: Queue
    site: Site
    zone: ZoneInfo
    period: PlanningPeriod | None
    roster: RosterHead | None
    table: StaffedTable | None

    def source(self) -> dict[str, Any]:
        return {
            "queue_id": self.queue.id,
            "language": self.language,
            "time_zone": self.site.time_zone,
            "period_id": self.period.id if self.period else None,
            "roster_id": self.roster.id if self.roster else None,
            "roster_version": self.roster.version if self.roster else None,
        }

    @property
    def language(self) -> NoticeLanguage:
        return "fr" if self.queue.language == "fr" else "en"


def notice_at(session: Session, queue_id: str, at: datetime) -> CallerNotice:
    """What a caller to ``queue_id`` is told at the instant ``at`` (aware)."""
    moment = at.astimezone(UTC)
    queue = require_queue(session, queue_id)
    site = require_site(session, queue.site_id)
    zone = ZoneInfo(site.time_zone)
    force = _in_force(session, queue, site, zone, moment.astimezone(zone).date())
    anchor = _grid_start(force, moment.astimezone(zone).date())
    slot = timedelta(minutes=site.slot_minutes)
    index = (moment - anchor) // slot
    return CallerNotice(**force.source(), at=moment, slot=_slot(force, anchor + index * slot, slot))


def notice_day(session: Session, queue_id: str, day: date) -> CallerNoticeDay:
    """Every slot of the site-local ``day``, for the telephony system to cache."""
    queue = require_queue(session, queue_id)
    site = require_site(session, queue.site_id)
    zone = ZoneInfo(site.time_zone)
    force = _in_force(session, queue, site, zone, day)
    slot = timedelta(minutes=site.slot_minutes)
    first, end = day_start_utc(day, zone), day_start_utc(day + timedelta(days=1), zone)
    anchor = _grid_start(force, day)
    start = anchor + -((anchor - first) // slot) * slot
    slots = [_slot(force, moment, slot) for moment in _steps(start, end, slot)]
    return CallerNoticeDay(**force.source(), date=day, slots=slots)


def _steps(start: datetime, end: datetime, step: timedelta) -> Iterator[datetime]:
    moment = start
    while moment < end:
        yield moment
        moment += step


def _grid_start(force: _InForce, day: date) -> datetime:
    """Where the slot grid starts: the period's first midnight, else the day's own."""
    if force.table is not None:
        return force.table.start
    return day_start_utc(day, force.zone)


def _slot(force: _InForce, start: datetime, length: timedelta) -> NoticeSlot:
    present: list[tuple[str, int]] = []
    if force.table is not None:
        index = (start - force.table.start) // length
        present = force.table.countries(force.queue.id, index)
    language = force.language
    codes = [code for code, _agents in present]
    return NoticeSlot(
        start=start,
        end=start + length,
        local_start=start.astimezone(force.zone),
        local_end=(start + length).astimezone(force.zone),
        countries=[
            NoticeCountry(code=code, name=country_name(code, language), agents=count)
            for code, count in present
        ],
        sentence=sentence(codes, language),
    )


def _in_force(session: Session, queue: Queue, site: Site, zone: ZoneInfo, day: date) -> _InForce:
    """The period covering the site-local ``day`` and its newest published roster.

    Periods of a site may overlap; the one whose roster was published last wins, as the
    newest word of the planners. A period without a published roster says nothing.
    """
    candidates = periods.of_site_starting_between(
        session, site.id, day - timedelta(days=MAX_HORIZON_DAYS - 1), day
    )
    best: tuple[PlanningPeriod, RosterHead] | None = None
    for period in candidates:
        if not period.first_day <= day < period.first_day + timedelta(days=period.days):
            continue
        roster = rosters.published_head(session, period.id)
        if roster is not None and (best is None or _published(roster) > _published(best[1])):
            best = (period, roster)
    if best is None:
        return _InForce(queue, site, zone, None, None, None)
    period, roster = best
    return _InForce(queue, site, zone, period, roster, _table(session, site, period, roster))


def _published(roster: RosterHead) -> datetime:
    return roster.published_at or roster.created_at


def _table(
    session: Session, site: Site, period: PlanningPeriod, roster: RosterHead
) -> StaffedTable:
    start, end = period_bounds(site, period)
    absent = absences.of_site_overlapping(session, site.id, start, end)
    away: dict[str, list[Interval]] = {}
    for absence in absent:
        away.setdefault(absence.agent_id, []).append((_epoch(absence.start), _epoch(absence.end)))
    countries = agents.country_by_agent(session, site.id)
    key = (
        roster.id,
        roster.created_at,  # a row id a database hands out again never names two rosters here
        tuple(sorted((agent, tuple(sorted(spans))) for agent, spans in away.items())),
        tuple(sorted(countries.items())),
    )
    table = _tables.get(key)
    if table is None:
        table = _count(session, site, roster, start, end, away, countries)
        _tables.put(key, table)
    return table


def _count(
    session: Session,
    site: Site,
    roster: RosterHead,
    start: datetime,
    end: datetime,
    away: dict[str, list[Interval]],
    countries: dict[str, str],
) -> StaffedTable:
    slot = timedelta(minutes=site.slot_minutes)
    slot_count = (end - start) // slot

    def spans() -> Iterator[tuple[str, str, str, Interval]]:
        for agent_id, activities in rosters.activities_by_agent(session, roster.id):
            country = countries.get(agent_id)
            if country is None:
                continue
            for activity in activities:
                worked = (_epoch(activity["start"]), _epoch(activity["end"]))
                for piece in _minus(worked, away.get(agent_id, [])):
                    yield agent_id, activity["queue"], country, piece

    staffed = staffed_by_country(_epoch(start), int(slot.total_seconds()), slot_count, spans())
    return StaffedTable(start=start, slot=slot, slot_count=slot_count, staffed=staffed)


def _epoch(moment: datetime | str) -> int:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _minus(span: Interval, holes: list[Interval]) -> list[Interval]:
    """``span`` without the ``holes`` (absences), as the pieces left."""
    pieces = [span]
    for low, high in holes:
        pieces = [
            part
            for start, end in pieces
            for part in ((start, min(end, low)), (max(start, high), end))
            if part[1] > part[0]
        ]
    return pieces
