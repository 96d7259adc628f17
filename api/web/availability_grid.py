"""The availability grid: days (rows) by cells of time (columns), in the agent's own zone.

Each cell is a checkbox whose value is its agent-local start; ticked cells that touch are
merged into windows, so what the page sends is exactly an ``AvailabilitySubmission``.
The columns span the site's opening hours seen from the agent's zone (all day if they
wrap around midnight there), so a phone shows the hours that matter. Cells the agent's
clocks skip on the spring night cannot be ticked, and the cell before the gap ends where
the clocks resume, so ticked cells on either side of it still make one window. Cells when
the site is closed all along (a Sunday, the night) cannot be ticked either: the
availability check refuses such a window (``api.availability.checks.open_during``), and
the grid asks the same function.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.availability.checks import open_during, open_spans
from api.db.models import Agent, PlanningPeriod, Site
from api.periods.service import horizon_of
from solver.local_time import exists, to_utc


@dataclass(frozen=True)
class Cell:
    """One cell; ``offered`` when it lies in the period, exists on the clock and the site is
    open during it, the only cells the agent may tick."""

    start: datetime
    offered: bool
    ticked: bool
    end: datetime


@dataclass(frozen=True)
class Grid:
    cell_minutes: int
    columns: list[time]
    rows: list[tuple[date, list[Cell]]]


def _period_bounds(site: Site, period: PlanningPeriod, zone: ZoneInfo) -> tuple[datetime, datetime]:
    site_zone = ZoneInfo(site.time_zone)
    start = datetime.combine(period.first_day, time(0), tzinfo=site_zone)
    end = datetime.combine(
        period.first_day + timedelta(days=period.days), time(0), tzinfo=site_zone
    )
    return start.astimezone(zone).replace(tzinfo=None), end.astimezone(zone).replace(tzinfo=None)


def _open_span(site: Site, period: PlanningPeriod, zone: ZoneInfo) -> tuple[int, int]:
    """First and last minute of the day (agent-local) that any opening hour covers."""
    site_zone = ZoneInfo(site.time_zone)
    first, last = 24 * 60, 0
    for offset in range(period.days):
        day = period.first_day + timedelta(days=offset)
        for hours in site.opening_hours:
            if day.weekday() not in hours.get("weekdays", range(7)):
                continue
            opens = datetime.combine(day, time.fromisoformat(hours["open"]), tzinfo=site_zone)
            closes = datetime.combine(day, time.fromisoformat(hours["close"]), tzinfo=site_zone)
            if closes <= opens:
                return 0, 24 * 60
            local_open, local_close = opens.astimezone(zone), closes.astimezone(zone)
            if local_close.date() != local_open.date() and local_close.time() != time(0):
                return 0, 24 * 60
            first = min(first, local_open.hour * 60 + local_open.minute)
            last = max(
                last,
                24 * 60
                if local_close.time() == time(0)
                else local_close.hour * 60 + local_close.minute,
            )
    return (0, 24 * 60) if first >= last else (first, last)


def build(
    site: Site, period: PlanningPeriod, agent: Agent, windows: list[tuple[datetime, datetime]]
) -> Grid:
    zone = ZoneInfo(agent.time_zone)
    minutes = site.slot_minutes if site.slot_minutes in (15, 30, 60) else 60
    minutes = max(minutes, 30)
    begin, end = _period_bounds(site, period, zone)
    first, last = _open_span(site, period, zone)
    first -= first % minutes
    columns = [(datetime.min + timedelta(minutes=m)).time() for m in range(first, last, minutes)]
    spans = open_spans(horizon_of(site, period))
    rows = []
    day = begin.date()
    while datetime.combine(day, time(0)) < end:
        cells = []
        for column in columns:
            start = datetime.combine(day, column)
            finish = _cell_end(start, minutes, zone)
            ticked = any(w_start <= start and finish <= w_end for w_start, w_end in windows)
            usable = (
                begin <= start
                and finish <= end
                and exists(start, zone)
                and open_during(spans, to_utc(start, zone), to_utc(finish, zone))
            )
            cells.append(Cell(start, usable, ticked, finish))
        rows.append((day, cells))
        day += timedelta(days=1)
    return Grid(minutes, columns, rows)


def _cell_end(start: datetime, cell_minutes: int, zone: ZoneInfo) -> datetime:
    """The local time a cell ends at: the next cell start the clocks show."""
    finish = start + timedelta(minutes=cell_minutes)
    while not exists(finish, zone):
        finish += timedelta(minutes=cell_minutes)
    return finish


def windows_of(
    starts: list[datetime], cell_minutes: int, zone: ZoneInfo
) -> list[tuple[datetime, datetime]]:
    """Ticked cells merged into windows: touching cells (in real time) make one window."""
    merged: list[tuple[datetime, datetime]] = []
    for start in sorted(set(starts)):
        finish = _cell_end(start, cell_minutes, zone)
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], finish)
        else:
            merged.append((start, finish))
    return merged
