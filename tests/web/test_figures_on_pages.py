"""What the pages show of figures and time: formatted per language, in the right zone."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from api.db.database import Database
from api.db.models import Roster, SolveRun
from api.web.i18n import LANGUAGES, catalog
from api.web.solve_pages import PEOPLE_KPIS
from tests.web.conftest import LoginAs, add_roster

KPIS = {
    "solver_objective": 4660.409,
    "solver_bound": 4612.0,
    "gap": 0.010387,
    "wall_seconds": 12.3456,
    "candidate_shifts": 98123,
    "coverage_percent": 98.40743198407432,
    "unmet_agent_hours": 12.5,
    "overstaffed_agent_hours": 3.25,
    "cost": 10234.5,
    "worked_hours": 731.0,
    "hours_outside_preferences": 0.0,
    "objective": 4660.409,
    "slot_minutes": 30,
    "ok": True,
    "violation_count": 0,
}


def _finished_run(database: Database, period_id: int, kpis: dict[str, Any]) -> int:
    roster_id = add_roster(database, period_id, version=None, hour=8)
    with database.session(write=True) as session:
        run = SolveRun(
            period_id=period_id,
            status="finished",
            solver_status="FEASIBLE",
            settings={},
            problem={},
            kpis=kpis,
            objective=kpis.get("objective"),
            bound=kpis.get("solver_bound"),
        )
        session.add(run)
        session.flush()
        roster = session.get(Roster, roster_id)
        assert roster is not None
        roster.solve_run_id = run.id
        return run.id


def _kpi_block(html: str) -> str:
    found = re.search(r'<dl class="kpis">(.*?)</dl>', html, re.S)
    assert found, "the solve page shows no figures"
    return found.group(1)


def test_solve_page_shows_people_figures_formatted_per_language(
    login_as: LoginAs, database: Database, period_id: int
) -> None:
    run_id = _finished_run(database, period_id, KPIS)
    manager, _csrf = login_as("manager")
    english = _kpi_block(manager.get(f"/manage/solves/{run_id}?lang=en").text)
    assert "98.4 %" in english and "1.04 %" in english and "10,234.50" in english
    assert "every hard rule holds" in english and "12.5 h" in english
    for raw in ("98.407", "0.0103", "candidate_shifts", "True", "slot_minutes", "4660.409"):
        assert raw not in english, raw
    french = _kpi_block(manager.get(f"/manage/solves/{run_id}?lang=fr").text)
    assert "98,4\u202f%" in french and "1,04\u202f%" in french and "10\u202f234,50" in french
    assert "toutes les règles strictes sont respectées" in french


def test_every_figure_shown_has_a_label_in_both_languages() -> None:
    for language in LANGUAGES:
        missing = [k for k, _ in PEOPLE_KPIS if f"kpi.{k}" not in catalog(language)]
        assert missing == [], language


def test_solve_page_says_when_no_bound_was_proven(
    login_as: LoginAs, database: Database, period_id: int
) -> None:
    run_id = _finished_run(database, period_id, {**KPIS, "gap": None, "solver_bound": None})
    manager, _csrf = login_as("manager")
    assert "no bound proven yet" in _kpi_block(manager.get(f"/manage/solves/{run_id}").text)


def test_absences_page_shows_times_in_the_agents_zone(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    planner, csrf = login_as("planner")
    data = {
        "csrf_token": csrf,
        "agent_id": "a1",
        "start": "2030-01-07T09:00",
        "end": "2030-01-07T17:30",
        "reason": "sick",
    }
    assert planner.post("/manage/absences", data=data).status_code == 303
    stored = manager.get("/api/v1/absences").json()[0]
    assert datetime.fromisoformat(stored["start"]) == datetime(2030, 1, 7, 8, tzinfo=UTC)
    listing = planner.get("/manage/absences?lang=en").text.split("<tbody>")[1]
    assert "Jan 7, 2030, 09:00 (Europe/Paris)" in listing
    assert "17:30 (Europe/Paris)" in listing and "UTC" not in listing


def _figure(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="gantt-data">(.*?)</script>', html)
    assert found, "no Gantt figure on the page"
    figure: dict[str, Any] = json.loads(found.group(1))
    return figure


def test_gantt_opens_on_the_first_week_and_zooms_to_a_chosen_day(
    login_as: LoginAs, database: Database, period_id: int
) -> None:
    add_roster(database, period_id, version=1, hour=7)
    manager, _csrf = login_as("manager")
    url = f"/manage/periods/{period_id}/roster"
    page = manager.get(url)
    week = _figure(page.text)["layout"]["xaxis"]
    assert week["range"] == ["2030-01-07T00:00:00", "2030-01-14T00:00:00"]
    assert week["tick0"] == "2030-01-07T00:00:00"  # Monday's label is drawn
    assert week["minor"]["dtick"] == 6 * 3_600_000
    assert 'href="/manage/periods/' in page.text and "zoom=day&amp;day=2030-01-09" in page.text
    day = _figure(manager.get(f"{url}?zoom=day&day=2030-01-09").text)["layout"]["xaxis"]
    assert day["range"] == ["2030-01-09T00:00:00", "2030-01-10T00:00:00"]
    assert day["dtick"] == 3_600_000 and day["tickformat"] == "%H:%M"
    outside = _figure(manager.get(f"{url}?zoom=day&day=2031-01-01").text)["layout"]["xaxis"]
    assert outside["range"][0] == "2030-01-07T00:00:00"
    assert manager.get(f"{url}?zoom=month").status_code == 422


def test_availability_grid_offers_only_open_hours_and_closes_in_the_agents_zone(
    login_as: LoginAs, period_id: int
) -> None:
    """Site paris opens Monday to Saturday 08:00-20:00 Paris time; a1 lives in Paris."""
    agent, _csrf = login_as("agent", "a1")
    page = agent.get(f"/me/availability?period_id={period_id}&lang=en").text
    offered = set(re.findall(r'name="cell" value="([^"]+)"', page))
    assert "2030-01-08T08:00" in offered and "2030-01-08T19:30" in offered
    assert not any(v.startswith("2030-01-13") for v in offered), "Sunday is closed"
    assert "2030-01-08T20:00" not in offered and "2030-01-08T07:30" not in offered
    assert "until Jan 4, 2030, 00:00 (Europe/Paris)" in page
