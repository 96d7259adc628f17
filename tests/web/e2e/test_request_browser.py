"""In headless Chromium: an agent asks for time off and sees it approved, a colleague picks
up the freed shift, a colleague accepts a swap and a manager declines it; the pictures go
to the README.

Its own server and published week (``tests.api.requests_site``), module scope, in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.db.database import Database
from api.server import serve_in_thread
from api.settings import Settings
from tests.api.conftest import mint
from tests.api.databases import fresh_database
from tests.api.requests_site import set_up_week, verify_published
from tests.web.e2e.conftest import Site, _browser_missing, log_in, screenshot

pytestmark = pytest.mark.browser

ACCESSIBILITY_AUDIT = (Path(__file__).parent / "accessibility_audit.js").read_text()
POLICY = {"min_coverage_ratio": 0, "modes": {"swap": "manual"}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A published week (a1, a2 working; a3 free), swaps answered by a manager."""
    if _browser_missing() is not None:
        pytest.skip(str(_browser_missing()))
    with fresh_database(tmp_path_factory.mktemp("e2e-requests")) as (url, engine):
        database = Database(engine)
        app = create_app(Settings(environment="test", database_url=url), database)
        with serve_in_thread(app) as base_url:
            keys = {"manager": mint(database, "manager")}
            with httpx.Client(
                base_url=base_url, headers={"Authorization": f"Bearer {keys['manager']}"}
            ) as manager:
                period_id = set_up_week(manager, database, POLICY)
            for agent_id in ("a1", "a2", "a3"):
                keys[agent_id] = mint(database, "agent", agent_id)
            yield Site(base_url, database, period_id, keys)
        app.state.solve_execution.shutdown()


def test_an_agent_asks_for_time_off_and_sees_it_approved(new_page: Any, site: Site) -> None:
    page = new_page()
    log_in(page, site, "a1")
    page.get_by_role("link", name="My requests").click()
    page.get_by_label("From (your time)").fill("2030-01-08T00:00")
    page.get_by_label("Until (your time)").fill("2030-01-09T00:00")
    page.get_by_label("Note for a manager (optional)").fill("My son is ill")
    page.get_by_role("button", name="Ask", exact=True).click()
    page.locator("#answer").get_by_text("Approved at once").wait_for()
    assert page.locator("#my-requests").get_by_text("(v2)").is_visible()
    screenshot(page, "requests-agent-approved")
    assert page.evaluate(ACCESSIBILITY_AUDIT) == []
    assert page.errors == []


def test_a_colleague_picks_up_the_freed_shift(new_page: Any, site: Site) -> None:
    page = new_page()
    log_in(page, site, "a3")
    page.goto(site.base_url + "/me/requests")
    rows = page.locator("#open-shifts tbody tr")
    assert rows.count() == 1 and "Tue 08/01" in rows.first.inner_text()
    screenshot(page, "requests-open-shift")
    rows.first.get_by_role("button", name="Pick up").click()
    page.locator("#answer").get_by_text("the shift is yours").wait_for()
    page.goto(site.base_url + "/me/shifts")
    assert "Tue 08/01" in page.locator("#my-shifts").inner_text()
    assert verify_published(site.database, site.period_id) == (3, [])
    assert page.errors == []


def test_a_colleague_accepts_a_swap_and_a_manager_declines_it(new_page: Any, site: Site) -> None:
    agent = new_page()
    log_in(agent, site, "a2")
    agent.goto(site.base_url + "/me/requests")
    wednesday = agent.locator("#my-coming-shifts tbody tr").nth(2)
    assert "Wed 09/01" in wednesday.inner_text()
    wednesday.get_by_role("button", name="Swap").click()
    agent.locator("#answer").get_by_text(
        "Offered to the colleagues who may take it: a3."
    ).wait_for()
    colleague = new_page()
    log_in(colleague, site, "a3")
    colleague.goto(site.base_url + "/me/requests")
    colleague.locator("#swap-offers").get_by_role("button", name="Accept").click()
    colleague.locator("#answer").get_by_text("A manager answers every request").wait_for()
    manager = new_page()
    log_in(manager, site, "manager")
    manager.get_by_role("link", name="Requests").click()
    row = manager.locator("#pending tbody tr").first
    assert "Swap a shift" in row.inner_text()
    row.get_by_label("Why (for the agent)").fill("Wednesday is the sale.")
    screenshot(manager, "requests-manager-pending")
    row.get_by_role("button", name="Decline").click()
    manager.get_by_text("Nothing is waiting.").wait_for()
    assert manager.evaluate(ACCESSIBILITY_AUDIT) == []
    agent.reload()
    agent.locator("#my-requests").get_by_text(
        "Declined by a manager. Wednesday is the sale."
    ).wait_for()
    assert verify_published(site.database, site.period_id)[0] == 3, "nothing published"
    assert agent.errors == [] and colleague.errors == [] and manager.errors == []
    assert site.outside_requests == []
