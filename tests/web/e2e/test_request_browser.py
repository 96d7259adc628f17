"""In headless Chromium: an agent asks for time off and sees it approved, a colleague picks
up the freed shift, a colleague accepts a swap and a manager declines it; the pictures go
to the README.

Once in English and once in French (``?lang=fr`` after logging in, kept by its cookie):
labels come from the page catalogs and reasons from ``api.requests.reasons``, so the test
reads what a French agent reads. Its own server and published week per language
(``tests.api.requests_site``), module scope, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from api.app import create_app
from api.db.database import Database
from api.requests.reasons import Reason, render
from api.server import serve_in_thread
from api.settings import Settings
from api.web.i18n import translator
from tests.api.conftest import mint
from tests.api.databases import fresh_database
from tests.api.requests_site import set_up_week, verify_published
from tests.web.e2e.conftest import Site, _browser_missing, log_in, screenshot

pytestmark = pytest.mark.browser

ACCESSIBILITY_AUDIT = (Path(__file__).parent / "accessibility_audit.js").read_text()
POLICY = {"min_coverage_ratio": 0, "modes": {"swap": "manual"}}


@pytest.fixture(scope="module", params=["en", "fr"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def t(lang: str) -> Callable[..., str]:
    return translator(lang)


def said(lang: str, code: str, **params: Any) -> str:
    """A reason as the agent reads it in ``lang`` (the week is in Paris)."""
    return render(Reason(code, params), lang, ZoneInfo("Europe/Paris"))


def shot(page: Any, name: str, lang: str) -> None:
    screenshot(page, name if lang == "en" else f"{name}-{lang}")


def open_in(page: Any, site: Site, path: str, lang: str) -> None:
    page.goto(f"{site.base_url}{path}?lang={lang}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, lang: str) -> Iterator[Site]:
    """A published week (a1, a2 working; a3 free), swaps answered by a manager."""
    if _browser_missing() is not None:
        pytest.skip(str(_browser_missing()))
    with fresh_database(tmp_path_factory.mktemp(f"e2e-requests-{lang}")) as (url, engine):
        database = Database(engine)
        app = create_app(Settings(environment="test", database_url=url), database)
        with serve_in_thread(app) as base_url:
            keys = {"manager": mint(database, "manager")}
            with httpx.Client(
                base_url=base_url,
                headers={"Authorization": f"Bearer {keys['manager']}"},
                timeout=60,
            ) as manager:
                period_id = set_up_week(manager, database, POLICY)
            for agent_id in ("a1", "a2", "a3"):
                keys[agent_id] = mint(database, "agent", agent_id)
            yield Site(base_url, database, period_id, keys)
        app.state.solve_execution.shutdown()


def test_an_agent_asks_for_time_off_and_sees_it_approved(
    new_page: Any, site: Site, lang: str, t: Callable[..., str]
) -> None:
    page = new_page()
    log_in(page, site, "a1")
    open_in(page, site, "/me/requests", lang)
    page.get_by_label(t("requests.start")).fill("2030-01-08T00:00")
    page.get_by_label(t("requests.end")).fill("2030-01-09T00:00")
    page.get_by_label(t("requests.note")).fill("My son is ill")
    page.get_by_role("button", name=t("requests.ask_time_off"), exact=True).click()
    page.locator("#answer").get_by_text(said(lang, "approved_at_once")).wait_for()
    assert page.locator("#my-requests").get_by_text("(v2)").is_visible()
    shot(page, "requests-agent-approved", lang)
    assert page.evaluate(ACCESSIBILITY_AUDIT) == []
    assert page.errors == []


def test_a_colleague_picks_up_the_freed_shift(
    new_page: Any, site: Site, lang: str, t: Callable[..., str]
) -> None:
    page = new_page()
    log_in(page, site, "a3")
    open_in(page, site, "/me/requests", lang)
    rows = page.locator("#open-shifts tbody tr")
    tuesday = f"{t('weekday.1')} 08/01"
    assert rows.count() == 1 and tuesday in rows.first.inner_text()
    shot(page, "requests-open-shift", lang)
    rows.first.get_by_role("button", name=t("requests.pick_up")).click()
    page.locator("#answer").get_by_text(said(lang, "approved_pick_up")).wait_for()
    page.goto(site.base_url + "/me/shifts")
    assert tuesday in page.locator("#my-shifts").inner_text()
    assert verify_published(site.database, site.period_id) == (3, [])
    assert page.errors == []


def test_a_colleague_accepts_a_swap_and_a_manager_declines_it(
    new_page: Any, site: Site, lang: str, t: Callable[..., str]
) -> None:
    agent = new_page()
    log_in(agent, site, "a2")
    open_in(agent, site, "/me/requests", lang)
    wednesday = agent.locator("#my-coming-shifts tbody tr").nth(2)
    assert f"{t('weekday.2')} 09/01" in wednesday.inner_text()
    wednesday.get_by_role("button", name=t("requests.swap")).click()
    agent.locator("#answer").get_by_text(said(lang, "swap_offered", colleagues=["a3"])).wait_for()
    colleague = new_page()
    log_in(colleague, site, "a3")
    open_in(colleague, site, "/me/requests", lang)
    colleague.locator("#swap-offers").get_by_role("button", name=t("requests.accept")).click()
    colleague.locator("#answer").get_by_text(said(lang, "kind_manual", kind="swap")).wait_for()
    manager = new_page()
    log_in(manager, site, "manager")
    open_in(manager, site, "/manage/requests", lang)
    row = manager.locator("#pending tbody tr").first
    assert t("requests.kind.swap") in row.inner_text()
    note = "Wednesday is the sale." if lang == "en" else "Mercredi, c'est les soldes."
    row.get_by_label(t("requests.decline_note")).fill(note)
    shot(manager, "requests-manager-pending", lang)
    row.get_by_role("button", name=t("requests.decline")).click()
    manager.get_by_text(t("requests.none_pending")).wait_for()
    assert manager.evaluate(ACCESSIBILITY_AUDIT) == []
    agent.reload()
    declined = f"{said(lang, 'declined_by_manager')} {note}"
    agent.locator("#my-requests").get_by_text(declined).wait_for()
    assert verify_published(site.database, site.period_id)[0] == 3, "nothing published"
    assert agent.errors == [] and colleague.errors == [] and manager.errors == []
    assert site.outside_requests == []
