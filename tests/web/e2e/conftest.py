"""A real server on loopback with a fresh migrated database, driven by headless Chromium.

The browser is Debian's ``chromium`` driven through Playwright (its own browsers are never
downloaded). Without /usr/bin/chromium the tests skip with the reason, unless
HOMESHORE_REQUIRE_BROWSER=1 (CI), where a missing browser fails them.
Every request to anything but loopback is aborted and recorded; the tests assert none.
Tests marked ``screenshots`` (the README's pictures of the demo week, a long solve) run only
under HOMESHORE_SCREENSHOTS=1, which ``make screenshots`` sets.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from api.app import create_app
from api.db.database import Database
from api.server import serve_in_thread
from api.settings import Settings
from tests.api import payloads, story
from tests.api.conftest import mint
from tests.api.databases import fresh_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "out" / "screenshots"


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (apt-get install chromium, or run `make browser`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make setup)"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if os.environ.get("HOMESHORE_SCREENSHOTS") != "1":
        for item in items:
            if "screenshots" in item.keywords:
                item.add_marker(pytest.mark.skip(reason="README screenshots: make screenshots"))
    reason = _browser_missing()
    if reason is None or os.environ.get("HOMESHORE_REQUIRE_BROWSER") == "1":
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@dataclass
class Site:
    base_url: str
    database: Database
    period_id: int
    keys: dict[str, str]
    outside_requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Site paris with agents a1, a2 (offering 08:00-14:00) and a3 (capped at 4 h a day)."""
    reason = _browser_missing()
    if reason is not None:
        pytest.fail(f"HOMESHORE_REQUIRE_BROWSER=1 but {reason}")
    with fresh_database(tmp_path_factory.mktemp("e2e")) as (url, engine):
        database = Database(engine)
        settings = Settings(environment="test", database_url=url)
        app = create_app(settings, database)
        with serve_in_thread(app) as base_url:
            keys = {"manager": mint(database, "manager")}
            with httpx.Client(
                base_url=base_url, headers={"Authorization": f"Bearer {keys['manager']}"}
            ) as manager:
                period_id = story.set_up_small_site(manager)
                capped = payloads.agent(
                    "a3",
                    contract={"max_hours_per_week": 56},
                    aid_cap={"max_hours_per_week": 20, "max_hours_per_day": 4},
                )
                assert manager.post("/api/v1/agents", json=capped).status_code == 201
                for agent_id in ("a1", "a2"):
                    story.offer(manager, period_id, agent_id, "08:00", "14:00")
            for agent_id in ("a1", "a3"):
                keys[agent_id] = mint(database, "agent", agent_id)
            yield Site(base_url, database, period_id, keys)
        app.state.solve_execution.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: object, site: Site) -> Iterator[object]:
    """``new_page(width, height)``: a page in a fresh context that may reach loopback only."""
    contexts = []

    def make(width: int = 1280, height: int = 900) -> object:
        context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
        contexts.append(context)

        def guard(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            host = urlsplit(url).hostname
            if url.startswith(("http:", "https:", "ws:", "wss:")) and host not in (
                "127.0.0.1",
                "localhost",
            ):
                site.outside_requests.append(url)
                route.abort()  # type: ignore[attr-defined]
            else:
                route.continue_()  # type: ignore[attr-defined]

        context.route("**/*", guard)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda message: _console(page.errors, message))
        return page

    yield make
    for context in contexts:
        context.close()


def _console(errors: list[str], message: object) -> None:
    """Script errors count; a refused request (4xx) the page expects and shows does not."""
    text = str(message.text)  # type: ignore[attr-defined]
    expected = text.startswith("Failed to load resource: the server responded with a status of 4")
    if message.type == "error" and not expected:  # type: ignore[attr-defined]
        errors.append(text)


def log_in(page: object, site: Site, who: str) -> None:
    page.goto(site.base_url + "/login")  # type: ignore[attr-defined]
    page.get_by_label("API key").fill(site.keys[who])  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log in").click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]


def screenshot(page: object, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
