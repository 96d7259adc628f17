"""The manager's home (sites and periods) and the roster as a Gantt chart, one row per agent.

Filters (queue, skill, country) and the page of rows are GET parameters, so every view has
a link; 50 agents a page keeps a 3,000-agent roster quick to draw and to read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.absences import repository as absences
from api.agents import repository as agents
from api.db.models import Absence, PlanningPeriod, Roster, RosterShift
from api.deps import SessionDep
from api.errors import NotFound
from api.periods import repository as periods
from api.periods.service import require_period
from api.rosters import repository as rosters
from api.rosters.comparison import paid_hours
from api.schemas import PathRowId, QueryIdentifier
from api.sites import repository as sites
from api.sites.service import require_site
from api.web import charts
from api.web.i18n import language_of, translator
from api.web.page_auth import StaffCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)
ROWS_PER_PAGE = 50


@router.get("/manage", response_class=HTMLResponse)
def manage_home(request: Request, session: SessionDep, _caller: StaffCaller) -> HTMLResponse:
    listing = [
        (
            site,
            [
                (p, rosters.published_version(session, p.id))
                for p in periods.of_site(session, site.id)
            ],
        )
        for site in sites.list_sites(session)
    ]
    return render(request, "manage_home.html", sites=listing)


def chosen_roster(
    session: SessionDep, period: PlanningPeriod, roster_id: int | None
) -> Roster | None:
    """The roster asked for, else the newest published version, else the newest draft."""
    candidates = rosters.of_period(session, period.id)
    if roster_id is not None:
        for roster in candidates:
            if roster.id == roster_id:
                return roster
        raise NotFound("roster", f"{roster_id} in period {period.id}")
    published = [r for r in candidates if r.version is not None]
    pool = published or candidates
    return max(pool, key=lambda r: (r.version or 0, r.id)) if pool else None


@dataclass(frozen=True)
class AgentRow:
    agent_id: str
    country: str
    shifts: list[RosterShift]
    hours: float


@router.get("/manage/periods/{period_id}/roster", response_class=HTMLResponse)
def roster_page(
    request: Request,
    period_id: PathRowId,
    session: SessionDep,
    _caller: StaffCaller,
    roster_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    queue: QueryIdentifier = None,
    skill: QueryIdentifier = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    zoom: Literal["day", "week", "all"] = "week",
    day: date | None = None,
) -> HTMLResponse:
    """Only the page's 50 agents are read whole, with their shifts; the filters read ids.

    The Gantt opens on the period's first week; ``zoom`` and ``day`` (a link per day and
    per week above the chart) choose another span, so a zoom has a link and needs no script.
    """
    period = require_period(session, period_id)
    site = require_site(session, period.site_id)
    zone = ZoneInfo(site.time_zone)
    roster = chosen_roster(session, period, roster_id)
    candidates = agents.active_lines(session, site.id, skill, country)
    if roster is not None and queue is not None:
        working = rosters.agents_on_queue(session, roster.id, queue)
        candidates = [line for line in candidates if line[0] in working]
    pages = max(1, -(-len(candidates) // ROWS_PER_PAGE))
    page = min(page, pages)
    shown = candidates[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE]
    shown_ids = [agent_id for agent_id, _country in shown]
    shifts_of: dict[str, list[RosterShift]] = {}
    if roster is not None and shown:
        for shift in rosters.shifts_of_agents(session, roster.id, shown_ids):
            shifts_of.setdefault(shift.agent_id, []).append(shift)
    rows = [
        AgentRow(
            agent_id,
            agent_country,
            shifts_of.get(agent_id, []),
            round(sum(map(paid_hours, shifts_of.get(agent_id, []))), 2),
        )
        for agent_id, agent_country in shown
    ]
    start = datetime.combine(period.first_day, time(0), tzinfo=zone).astimezone(UTC)
    end = start + timedelta(days=period.days + 1)
    off = absences.overlapping(session, shown_ids, start, end) if shown else []
    window = gantt_window(period.first_day, period.days, zoom, day)
    figure = _gantt(rows, off, zone, queue, translator(language_of(request)), window)
    return render(
        request,
        "roster.html",
        period=period,
        site=site,
        roster=roster,
        roster_choices=rosters.of_period(session, period.id),
        rows=rows,
        zone=zone,
        figure=figure,
        absences=off,
        queues=sites.queues_of_site(session, site.id),
        skills=sorted(sites.skills_of_site(session, site.id)),
        countries=agents.countries_of_site(session, site.id),
        filters={"queue": queue or "", "skill": skill or "", "country": country or ""},
        page=page,
        pages=pages,
        agent_count=len(candidates),
        window=window,
        days=[period.first_day + timedelta(days=i) for i in range(period.days)],
        weeks=list(range(0, period.days, 7)),
    )


def gantt_window(first_day: date, days: int, zoom: str, day: date | None) -> charts.GanttWindow:
    """The span the Gantt shows: the chosen day, the period's week holding it, or all of it.

    A day outside the period falls back to the first day, so an old link still opens.
    """
    last_day = first_day + timedelta(days=days - 1)
    chosen = day if day is not None and first_day <= day <= last_day else first_day
    midnight = datetime.combine(chosen, time(0))
    if zoom == "day":
        return charts.GanttWindow(midnight, midnight + timedelta(days=1), "day")
    if zoom == "all":
        start = datetime.combine(first_day, time(0))
        return charts.GanttWindow(start, start + timedelta(days=days), "all")
    week_start = first_day + timedelta(days=7 * ((chosen - first_day).days // 7))
    start = datetime.combine(week_start, time(0))
    end = min(start + timedelta(days=7), datetime.combine(last_day, time(0)) + timedelta(days=1))
    return charts.GanttWindow(start, end, "week")


def _gantt(
    rows: list[AgentRow],
    off: list[Absence],
    zone: ZoneInfo,
    queue: str | None,
    t: Callable[..., str],
    window: charts.GanttWindow,
) -> charts.Figure:
    def local(moment: datetime) -> datetime:
        return moment.astimezone(zone).replace(tzinfo=None)

    by_queue: dict[str, list[charts.Bar]] = {}
    breaks: list[charts.Bar] = []
    for row in rows:
        for shift in row.shifts:
            for activity in shift.activities:
                if queue is not None and activity["queue"] != queue:
                    continue
                a_start = local(datetime.fromisoformat(activity["start"]))
                a_end = local(datetime.fromisoformat(activity["end"]))
                by_queue.setdefault(activity["queue"], []).append(
                    charts.Bar(row.agent_id, a_start, a_end, f"{a_start:%a %H:%M}–{a_end:%H:%M}")
                )
            for pause in shift.breaks:
                b_start = local(datetime.fromisoformat(pause["start"]))
                b_end = local(datetime.fromisoformat(pause["end"]))
                breaks.append(
                    charts.Bar(row.agent_id, b_start, b_end, f"{b_start:%a %H:%M}–{b_end:%H:%M}")
                )
    absent = [charts.Bar(a.agent_id, local(a.start), local(a.end), a.reason) for a in off]
    labels = {k: t(f"gantt.{k}") for k in ("breaks", "absences")}
    return charts.gantt([r.agent_id for r in rows], by_queue, breaks, absent, labels, window)
