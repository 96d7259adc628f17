"""The new manager pages in headless Chromium: people, keys, period set-up and roster edits,
in English and French, at 390 px, by keyboard alone, each passing the accessibility audit."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.e2e.conftest import Site, log_in, screenshot

pytestmark = pytest.mark.browser

ACCESSIBILITY_AUDIT = (Path(__file__).parent / "accessibility_audit.js").read_text()


def _pages(site: Site) -> list[str]:
    return [
        "/manage/people",
        "/manage/agents/a1",
        "/manage/keys",
        "/manage/periods/new",
        f"/manage/periods/{site.period_id}/setup",
    ]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_pages_fit_a_phone_and_pass_the_audit(new_page: Any, site: Site, lang: str) -> None:
    page = new_page(390, 844)
    log_in(page, site, "manager")
    for path in _pages(site):
        response = page.goto(f"{site.base_url}{path}?lang={lang}")
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == lang
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px phone"
        assert page.evaluate(ACCESSIBILITY_AUDIT) == [], path
    screenshot(page, f"phone-setup-{lang}")
    assert page.errors == []


def _tab_to(page: Any, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} is not reachable with the Tab key")


def test_a_key_is_minted_and_revoked_by_keyboard_alone(new_page: Any, site: Site) -> None:
    page = new_page()
    log_in(page, site, "manager")
    page.goto(site.base_url + "/manage/keys")
    _tab_to(page, "role")
    page.keyboard.press("ArrowDown")  # manager -> planner
    _tab_to(page, "label")
    page.keyboard.type("night planner")
    page.keyboard.press("Enter")
    page.locator("#minted").wait_for()
    secret = page.locator("#secret").input_value()
    assert len(secret) > 20
    row = page.locator("#keys tbody tr", has_text="night planner")
    assert "planner" in row.inner_text() and secret not in page.locator("#keys").inner_text()
    key_id = row.locator("td").first.inner_text()
    row.get_by_role("button", name=re.compile("Revoke")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"revoked="))
    assert f"Key {key_id} is revoked" in page.content()
    assert page.errors == []


def test_a_manager_adds_an_agent_in_french(new_page: Any, site: Site) -> None:
    page = new_page()
    log_in(page, site, "manager")
    page.goto(site.base_url + "/manage/people?lang=fr")
    page.get_by_label("Identifiant de l’agent").fill("m1")
    page.get_by_label("Fuseau horaire").fill("Indian/Mauritius")
    page.get_by_label("Pays (code ISO)").fill("MU")
    page.get_by_label("Compétences").fill("fr")
    page.get_by_label("Coût horaire").fill("9,5")
    page.get_by_label("Maximum du contrat, heures par semaine").fill("20")
    page.get_by_role("button", name="Ajouter l’agent").click()
    page.wait_for_url(re.compile(r"done=added-m1"))
    assert page.locator("#agents").get_by_role("link", name="m1").is_visible()
    assert page.errors == []
