"""A period beside its what-if scenarios: the comparison of ``api.scenarios.service.compare``.

The page reads the same comparison as ``GET /periods/{id}/scenarios/compare`` and only
formats it for the page's language (Babel); scenarios are created and solved through the
API or the command line (``docs/scenarios.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import SessionDep
from api.scenarios.service import compare
from api.schemas import PathRowId
from api.web.i18n import language_of, translator
from api.web.page_auth import StaffCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Column:
    title: str
    roster_id: int | None
    cost: str
    coverage: str
    service: str
    countries: str
    notice: list[tuple[str, str]]


@router.get("/manage/periods/{period_id}/scenarios", response_class=HTMLResponse)
def scenarios_page(
    request: Request, period_id: PathRowId, session: SessionDep, _caller: StaffCaller
) -> HTMLResponse:
    language = language_of(request)
    t = translator(language)
    locale = "fr_FR" if language == "fr" else "en_GB"

    def number(value: float | None, digits: str = "#,##0.00") -> str:
        return "—" if value is None else str(format_decimal(value, format=digits, locale=locale))

    def signed(value: float | None, digits: str = "+#,##0.00;-#,##0.00") -> str:
        return "" if value is None else f" ({number(value, digits)})"

    columns = []
    for c in compare(session, period_id).columns:
        level = None if c.expected_service_level is None else 100 * c.expected_service_level
        level_diff = (
            None if c.service_level_difference is None else 100 * c.service_level_difference
        )
        columns.append(
            Column(
                title=t(
                    "scenario.baseline" if c.is_baseline else "scenario.scenario",
                    name=c.name or c.period_id,
                ),
                roster_id=c.roster_id,
                cost=number(c.labour_cost) + signed(c.cost_difference),
                coverage=number(c.coverage_percent, "#,##0.0")
                + signed(c.coverage_difference, "+#,##0.0;-#,##0.0"),
                service=number(level, "#,##0.0") + signed(level_diff, "+#,##0.0;-#,##0.0"),
                countries=", ".join(
                    f"{country} {number(hours, '#,##0.#')} h"
                    for country, hours in c.hours_by_country.items()
                ),
                notice=[(n.queue, ", ".join(n.hours_by_country)) for n in c.caller_notice],
            )
        )
    return render(request, "scenarios.html", period_id=period_id, columns=columns)
