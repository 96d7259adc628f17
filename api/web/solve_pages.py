"""Solve runs: start one with a time limit, watch its progress, compare it, publish it.

With JavaScript the start and publish buttons call the JSON API (``POST /periods/{id}/solves``,
``POST /rosters/{id}/publish``) and the run page polls ``GET /solves/{id}``; without it the
same forms post here and the run page refreshes itself while the solve runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.deps import ExecutionDep, SessionDep, SettingsDep
from api.errors import FieldIssue, InvalidInput, ServiceError
from api.periods.service import require_period
from api.reports.numbers import Formatter
from api.rosters import comparison as roster_comparison
from api.rosters import publication
from api.rosters import repository as rosters
from api.rosters import service as roster_service
from api.schemas import PathRowId
from api.solves import repository as solve_runs
from api.solves import service as solves
from api.solves.schemas import SolveRequest
from api.web import charts
from api.web.i18n import language_of, translator
from api.web.page_auth import CheckedForm, ManagerCaller, StaffCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)


def _progress_labels(request: Request) -> dict[str, str]:
    t = translator(language_of(request))
    return {k: t(f"solve.{k}") for k in ("objective", "bound", "seconds")}


def _runs_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    period_id: int,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    limit: str = "",
) -> HTMLResponse:
    period = require_period(session, period_id)
    runs = solves.to_reads(session, solve_runs.of_period(session, period_id))
    return render(
        request,
        "solves.html",
        status_code=status_code,
        period=period,
        runs=runs,
        default_limit=limit or f"{settings.solve_time_limit_seconds:g}",
        max_limit=settings.max_solve_time_limit_seconds,
        errors=errors or [],
    )


@router.get("/manage/periods/{period_id}/solves", response_class=HTMLResponse)
def solves_page(
    request: Request,
    period_id: PathRowId,
    session: SessionDep,
    settings: SettingsDep,
    _caller: StaffCaller,
) -> HTMLResponse:
    return _runs_page(request, session, settings, period_id)


@router.post("/manage/periods/{period_id}/solves")
def start_solve(
    request: Request,
    period_id: PathRowId,
    form: CheckedForm,
    session: SessionDep,
    settings: SettingsDep,
    execution: ExecutionDep,
    caller: ManagerCaller,
) -> Response:
    limit = str(form.get("time_limit_seconds", "")).strip()
    locks_from = str(form.get("locks_from_roster_id", "")).strip()
    try:
        body = SolveRequest(
            time_limit_seconds=float(limit) if limit else None,
            locks_from_roster_id=int(locks_from) if locks_from.isdigit() else None,
        )
        with session.begin_nested():
            run = solves.start(session, caller.principal, settings, period_id, body, execution)
    except (ValueError, ValidationError) as exc:
        reason = str(exc.errors()[0]["msg"]) if isinstance(exc, ValidationError) else "not a number"
        issues = [FieldIssue("time_limit_seconds", reason)]
        return _runs_page(request, session, settings, period_id, 422, issues, limit)
    except InvalidInput as exc:
        return _runs_page(request, session, settings, period_id, 422, exc.issues, limit)
    return RedirectResponse(f"/manage/solves/{run.id}", status_code=303)


@router.get("/manage/solves/{run_id}", response_class=HTMLResponse)
def solve_page(
    request: Request, run_id: PathRowId, session: SessionDep, _caller: StaffCaller
) -> HTMLResponse:
    run = solves.to_read(session, solves.require_run(session, run_id))
    figure = charts.progress([p.model_dump() for p in run.progress], _progress_labels(request))
    comparison: list[roster_comparison.AgentDelta] = []
    published = None
    roster = None
    if run.roster_id is not None:
        roster = roster_service.require_roster(session, run.roster_id)
        published = rosters.published(session, run.period_id)
        if published is not None and published.id != roster.id:
            comparison = roster_comparison.by_agent(
                rosters.shifts(session, published.id), rosters.shifts(session, roster.id)
            )
    return render(
        request,
        "solve.html",
        run=run,
        figure=figure,
        roster=roster,
        published=published,
        comparison=comparison,
        kpis=_headline(run.kpis, language_of(request)),
    )


# The figures a manager reads before publishing, in this order, each with its format. The
# rest of the stored KPIs (candidate shifts, slot length, the raw verdict flag) are for the
# JSON API; the verdict is shown as a sentence instead.
PEOPLE_KPIS: tuple[tuple[str, Callable[[Formatter, float], str]], ...] = (
    ("coverage_percent", lambda n, v: n.percent_points(v)),
    ("unmet_agent_hours", lambda n, v: n.hours(v)),
    ("overstaffed_agent_hours", lambda n, v: n.hours(v)),
    ("worked_hours", lambda n, v: n.hours(v)),
    ("hours_outside_preferences", lambda n, v: n.hours(v)),
    ("cost", lambda n, v: n.money(v)),
    ("objective", lambda n, v: n.decimal(v)),
    ("gap", lambda n, v: n.percent(v, 2)),
    ("wall_seconds", lambda n, v: n.seconds(v)),
)


def _headline(kpis: dict[str, Any], language: str) -> list[tuple[str, str]]:
    """The figures of ``PEOPLE_KPIS`` as (label, text) in the page's language.

    A gap the solver could not compute (no bound proven) says so rather than showing nothing.
    """
    t = translator(language)
    n = Formatter(language)
    rows = []
    if "ok" in kpis:
        count = int(kpis.get("violation_count", 0))
        verdict = t("kpi.verdict_ok") if kpis["ok"] else t("kpi.verdict_broken", n=count)
        rows.append((t("kpi.verdict"), verdict))
    for key, shown in PEOPLE_KPIS:
        value = kpis.get(key)
        if key == "gap" and value is None and "gap" in kpis:
            rows.append((t("kpi.gap"), t("kpi.no_bound")))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            rows.append((t(f"kpi.{key}"), shown(n, float(value))))
    return rows


@router.post("/manage/rosters/{roster_id}/publish")
def publish_page(
    request: Request,
    roster_id: PathRowId,
    _form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    roster = roster_service.require_roster(session, roster_id)
    try:
        with session.begin_nested():
            publication.publish(session, caller.principal, roster_id)
    except ServiceError as exc:
        return render(request, "problem.html", status_code=exc.status, issues=exc.issues)
    return RedirectResponse(f"/manage/periods/{roster.period_id}/roster", status_code=303)
