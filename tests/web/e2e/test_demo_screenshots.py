"""The README's screenshots, taken from the bundled demo week (150 agents, 3 queues, 7 days).

A real server on loopback with a fresh migrated SQLite database loaded as ``homeshore db
load-problem`` does; a manager solves for about 15 s through the pages, publishes, solves
again to compare; an agent opens My shifts (desktop and 390 px phone) and availability.
Pictures go to ``out/screenshots/demo-*.png``; ``make screenshots`` copies them to
``docs/screenshots/``. Skipped unless HOMESHORE_SCREENSHOTS=1: the solves take a minute,
too long for every ``make test`` pass. The tests run in order on one server.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from api.app import create_app
from api.db.database import Database
from api.db.models import Roster, RosterShift
from api.imports.service import import_problem
from api.periods import repository as periods
from api.server import serve_in_thread
from api.settings import Settings
from solver.problem import Problem
from tests.api.conftest import mint
from tests.api.databases import fresh_database
from tests.web.e2e.conftest import SCREENSHOTS, Site, _browser_missing, log_in

pytestmark = [pytest.mark.browser, pytest.mark.screenshots]

DEMO_WEEK = Path(__file__).resolve().parents[3] / "fixtures" / "demo-week" / "problem.json"
SOLVE_SECONDS = 15


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo week in a fresh database, served on loopback; replaces the small site.

    Availability stays open until the first publication, so the grid shows as agents use it.
    """
    reason = _browser_missing()
    if reason is not None:
        pytest.fail(f"screenshots need a browser, but {reason}")
    problem = Problem.model_validate_json(DEMO_WEEK.read_bytes())
    with fresh_database(tmp_path_factory.mktemp("demo")) as (url, engine):
        database = Database(engine)
        with database.session(write=True) as session:
            import_problem(session, problem)
            (period,) = periods.of_site(session, "demo-week")
            period.availability_closes_at = datetime.now(UTC) + timedelta(days=1)
        app = create_app(Settings(environment="test", database_url=url), database)
        with serve_in_thread(app) as base_url:
            yield Site(base_url, database, period.id, {"manager": mint(database, "manager")})
        app.state.solve_execution.shutdown()


def _capture(page: Any, name: str, selector: str | None = None) -> None:
    """The element (or the whole page) as ``out/screenshots/demo-{name}.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = str(SCREENSHOTS / f"demo-{name}.png")
    if selector is None:
        page.screenshot(path=path, full_page=True)
    else:
        page.locator(selector).screenshot(path=path)


def _solve(page: Any, site: Site, seconds: int) -> None:
    page.goto(f"{site.base_url}/manage/periods/{site.period_id}/solves")
    page.get_by_label("Time limit (seconds)").fill(str(seconds))
    page.get_by_role("button", name="Start solving").click()
    page.wait_for_url(re.compile(r"/manage/solves/\d+$"))
    page.locator("#solve-status").get_by_text("Status: finished").wait_for(timeout=240_000)
    page.locator("#progress .main-svg").first.wait_for()


def _most_available_agent(problem: Problem) -> str:
    def hours(windows: list[Any]) -> float:
        return sum((w.end - w.start).total_seconds() for w in windows) / 3600

    return max(problem.agents, key=lambda a: (hours(a.availability), a.id)).id


def test_agent_sees_a_week_of_availability(new_page: Any, site: Site) -> None:
    agent_id = _most_available_agent(Problem.model_validate_json(DEMO_WEEK.read_bytes()))
    site.keys[agent_id] = mint(site.database, "agent", agent_id)
    page = new_page(1280, 900)
    log_in(page, site, agent_id)
    page.goto(site.base_url + "/me/availability")
    assert page.locator("table.grid input:checked").count() >= 20
    _capture(page, "availability")
    assert page.errors == []


def test_manager_solves_the_demo_week_and_publishes(new_page: Any, site: Site) -> None:
    page = new_page(1280, 900)
    log_in(page, site, "manager")
    _solve(page, site, SOLVE_SECONDS)
    assert page.locator("#progress-table tbody tr").count() >= 2, "no objective curve"
    _capture(page, "solve-progress", "main")
    page.get_by_role("button", name="Publish this roster").click()
    page.wait_for_url(re.compile(r"/manage/periods/\d+/roster"))
    page.locator("#gantt .main-svg").first.wait_for()
    assert "150 agents" in page.content()
    page.wait_for_timeout(500)  # the Gantt opens on the first week
    _capture(page, "roster-gantt", "#gantt")
    page.get_by_role("link", name="Coverage").first.click()
    for index in (1, 2, 3):
        page.locator(f"#coverage-{index} .main-svg").first.wait_for()
    _capture(page, "coverage", "main")
    assert page.errors == []


def test_manager_compares_a_new_solve_with_the_published_roster(new_page: Any, site: Site) -> None:
    # Two agents fall ill for the week: the new roster must cover their shifts.
    with site.database.session() as session:
        published = select(Roster.id).where(Roster.published_at.is_not(None))
        worked = Counter(
            session.scalars(
                select(RosterShift.agent_id).where(RosterShift.roster_id.in_(published))
            )
        )
    for agent_id, _ in worked.most_common(2):
        response = httpx.post(
            f"{site.base_url}/api/v1/absences",
            headers={"Authorization": f"Bearer {site.keys['manager']}"},
            json={
                "agent_id": agent_id,
                "start": "2026-11-30T00:00:00+01:00",
                "end": "2026-12-07T00:00:00+01:00",
                "reason": "flu",
            },
        )
        assert response.status_code == 201, response.text
    page = new_page(1280, 900)
    log_in(page, site, "manager")
    _solve(page, site, SOLVE_SECONDS)
    page.locator("#comparison").wait_for()
    page.get_by_role("heading", name="Result").evaluate("h => h.scrollIntoView()")
    _capture_viewport(page, "compare")
    assert page.errors == []


def _capture_viewport(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"demo-{name}.png"))


def _agent_with_most_hours(database: Database) -> str:
    with database.session() as session:
        query = (
            select(RosterShift)
            .join(Roster, Roster.id == RosterShift.roster_id)
            .where(Roster.version == 1)
        )
        hours: Counter[str] = Counter()
        for shift in session.scalars(query):
            hours[shift.agent_id] += (shift.end - shift.start).total_seconds()
    assert hours, "the published roster has no shift"
    return max(sorted(hours), key=hours.__getitem__)


def test_agent_sees_a_week_of_shifts(new_page: Any, site: Site) -> None:
    agent_id = _agent_with_most_hours(site.database)
    site.keys[agent_id] = mint(site.database, "agent", agent_id)
    page = new_page(1280, 900)
    log_in(page, site, agent_id)
    assert page.url.endswith("/me/shifts")
    assert page.locator("#my-shifts tbody tr").count() >= 4
    _capture(page, "my-shifts")
    phone = new_page(390, 844)
    log_in(phone, site, agent_id)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    _capture(phone, "phone-my-shifts")
    assert page.errors == [] and phone.errors == []


def test_no_page_reached_outside_loopback(site: Site) -> None:
    assert site.outside_requests == []
