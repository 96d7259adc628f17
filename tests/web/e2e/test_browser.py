"""End to end in headless Chromium: an agent offers hours, a manager solves and publishes,
the agent sees the shifts; roles, phone width and basic accessibility are checked on the way.

The tests run in order on one server (module scope): availability closes once a roster of
the period is published, so the agent offers hours first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from api.db.models import Roster, RosterShift
from tests.api.conftest import mint
from tests.web.e2e.conftest import Site, log_in, screenshot

pytestmark = pytest.mark.browser

ACCESSIBILITY_AUDIT = (Path(__file__).parent / "accessibility_audit.js").read_text()


def _audit(page: Any) -> None:
    assert page.evaluate(ACCESSIBILITY_AUDIT) == []


def test_agent_ticks_availability_with_instant_rule_errors(new_page: Any, site: Site) -> None:
    page = new_page()
    log_in(page, site, "a3")
    page.goto(site.base_url + "/me/availability")
    cells = [f"Mon 07/01 {h:02d}:{m:02d}" for h in range(8, 13) for m in (0, 30)]
    for label in cells:  # 5 hours: over the 4 h a day aid cap, accepted with a note
        page.get_by_label(label, exact=True).check()
    errors = page.locator("#form-errors")
    page.locator("#avail-status").get_by_text(
        re.compile("you will be scheduled at most 4 h that day")
    ).wait_for()
    assert errors.is_hidden()
    assert "4 h a day" in page.content()
    screenshot(page, "availability-capped")
    for label in cells[-2:]:
        page.get_by_label(label, exact=True).uncheck()
    page.get_by_text("These hours can be saved.").wait_for()
    assert errors.is_hidden()
    page.get_by_role("button", name="Save my availability").click()
    page.locator("#avail-status").get_by_text("Your availability is saved.").wait_for()
    screenshot(page, "availability")
    _audit(page)
    page.reload()
    assert page.get_by_label(cells[0], exact=True).is_checked()
    assert not page.get_by_label(cells[-1], exact=True).is_checked()
    assert page.errors == []


def test_manager_solves_watches_progress_and_publishes(new_page: Any, site: Site) -> None:
    page = new_page()
    log_in(page, site, "manager")
    assert page.url.endswith("/manage")
    page.get_by_role("link", name="Solves").first.click()
    page.get_by_label("Time limit (seconds)").fill("5")
    page.get_by_role("button", name="Start solving").click()
    page.wait_for_url(re.compile(r"/manage/solves/\d+$"))
    page.locator("#solve-status").get_by_text("Status: finished").wait_for(timeout=60_000)
    page.get_by_role("button", name="Publish this roster").wait_for()
    screenshot(page, "solve")
    _audit(page)
    page.get_by_role("button", name="Publish this roster").click()
    page.wait_for_url(re.compile(r"/manage/periods/\d+/roster"))
    page.locator("#gantt .main-svg").first.wait_for()
    assert "v1" in page.content()
    screenshot(page, "roster-gantt")
    _audit(page)
    page.get_by_role("link", name="Coverage").first.click()
    page.locator("#coverage-1 .main-svg").first.wait_for()
    screenshot(page, "coverage")
    _audit(page)
    assert page.errors == []


def test_agent_sees_published_shifts_and_is_refused_manager_pages(
    new_page: Any, site: Site
) -> None:
    with site.database.session() as session:
        working = session.scalars(
            select(RosterShift.agent_id)
            .join(Roster, Roster.id == RosterShift.roster_id)
            .where(Roster.version == 1)
        ).first()
    assert working is not None, "the published roster has no shift"
    site.keys[working] = mint(site.database, "agent", working)
    page = new_page()
    log_in(page, site, working)
    assert page.url.endswith("/me/shifts")
    assert page.locator("#my-shifts tbody tr").count() >= 1
    assert "No published shift." not in page.content()
    screenshot(page, "my-shifts")
    _audit(page)
    response = page.goto(site.base_url + "/manage")
    assert response is not None and response.status == 403
    assert page.get_by_role("heading", name="Not allowed").is_visible()


def test_phone_width_has_no_horizontal_overflow(new_page: Any, site: Site) -> None:
    page = new_page(390, 844)
    log_in(page, site, "manager")
    for path in ("/manage", f"/manage/periods/{site.period_id}/roster", "/manage/absences"):
        page.goto(site.base_url + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px phone"
    screenshot(page, "phone-roster")
    agent = new_page(390, 844)
    log_in(agent, site, "a3")
    agent.goto(site.base_url + "/me/availability")
    assert agent.evaluate("document.documentElement.scrollWidth") <= 390


def test_no_page_reached_outside_loopback(site: Site) -> None:
    assert site.outside_requests == []
