"""Coverage of a roster per queue: required against scheduled agents, slot by slot.

The figures are the verifier's (``GET /rosters/{id}/coverage``); the page adds week totals,
lists the under-staffed slots and, per queue, the countries each stretch of slots is answered
from (the caller notice once the roster is published). The expected service level is not
shown: the API stores none for a roster yet (only ``homeshore solve`` computes it, from
contact history).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.caller_notice.sentences import NoticeLanguage, country_name
from api.deps import SessionDep
from api.periods.service import require_period
from api.rosters import service as roster_service
from api.rosters.schemas import CoverageRow
from api.schemas import PathRowId, QueryIdentifier
from api.sites.service import require_site
from api.web import charts
from api.web.i18n import language_of, translator
from api.web.page_auth import StaffCaller
from api.web.rendering import render
from api.web.service_level_view import service_section

router = APIRouter(include_in_schema=False)
MAX_LISTED_SLOTS = 200


@dataclass
class QueueCoverage:
    queue: str
    slot_hours: float
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def required_hours(self) -> float:
        return round(sum(r.required for r in self.rows) * self.slot_hours, 2)

    @property
    def scheduled_hours(self) -> float:
        return round(sum(min(r.scheduled, r.required) for r in self.rows) * self.slot_hours, 2)

    @property
    def unmet_hours(self) -> float:
        return round(sum(r.unmet for r in self.rows) * self.slot_hours, 2)

    @property
    def over_hours(self) -> float:
        return round(sum(r.over for r in self.rows) * self.slot_hours, 2)

    @property
    def percent(self) -> float | None:
        return (
            None
            if not self.required_hours
            else round(100 * self.scheduled_hours / self.required_hours, 1)
        )

    @property
    def short_slots(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.unmet > 0]

    def notice_runs(self, zone: ZoneInfo, language: NoticeLanguage) -> list[NoticeRun]:
        """Consecutive slots answered from the same countries, where anyone is needed or
        staffed: the caller notice of the queue, as the telephony system will read it.
        Ends are shown in the site's zone (a stretch ending at the spring jump ends at 03:00)."""
        runs: list[NoticeRun] = []
        step = timedelta(hours=self.slot_hours)

        def after(start: datetime) -> datetime:
            end = start + step
            return end.astimezone(zone) if end.tzinfo is not None else end

        for row in self.rows:
            if not row.required and not row.countries:
                continue
            last = runs[-1] if runs else None
            if (
                last is not None
                and last.countries == row.countries
                and last.end == row.start
                and last.start.date() == row.start.date()
            ):
                last.end = after(row.start)
            else:
                names = [country_name(code, language) for code in row.countries]
                runs.append(NoticeRun(row.start, after(row.start), row.countries, names))
        return runs


@dataclass
class NoticeRun:
    start: datetime
    end: datetime
    countries: list[str]
    names: list[str]


@router.get("/manage/rosters/{roster_id}/coverage", response_class=HTMLResponse)
def coverage_page(
    request: Request,
    roster_id: PathRowId,
    session: SessionDep,
    _caller: StaffCaller,
    queue: QueryIdentifier = None,
) -> HTMLResponse:
    roster = roster_service.require_roster(session, roster_id)
    period = require_period(session, roster.period_id)
    site = require_site(session, period.site_id)
    slot_hours = site.slot_minutes / 60
    grouped: dict[str, QueueCoverage] = defaultdict(lambda: QueueCoverage("", slot_hours))
    for row in roster_service.coverage(session, roster_id, queue):
        entry = grouped[row.queue]
        entry.queue = row.queue
        entry.rows.append(row)
    language = language_of(request)
    t = translator(language)
    labels = {k: t(f"coverage.{k}") for k in ("required", "scheduled", "understaffed", "agents")}
    queues = [
        (
            entry,
            charts.coverage(
                [_naive(r.start) for r in entry.rows],
                [r.required for r in entry.rows],
                [r.scheduled for r in entry.rows],
                labels,
            ),
        )
        for _name, entry in sorted(grouped.items())
    ]
    return render(
        request,
        "coverage.html",
        roster=roster,
        period=period,
        site=site,
        queues=queues,
        max_listed=MAX_LISTED_SLOTS,
        queue=queue or "",
        zone=ZoneInfo(site.time_zone),
        notice_language="fr" if language == "fr" else "en",
        service=service_section(session, roster_id, queue, language, t),
    )


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)
