"""The scenarios page: a period beside its what-if scenarios, EN and FR."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.web.conftest import LoginAs, add_roster


def test_the_page_lists_the_baseline_and_its_scenarios(
    login_as: LoginAs, database: Database, manager: TestClient, period_id: int
) -> None:
    roster_id = add_roster(database, period_id, version=1, hour=7)
    created = manager.post(f"/api/v1/periods/{period_id}/scenarios", json={"name": "onshore"})
    assert created.status_code == 201, created.text
    browser, _csrf = login_as("planner")
    page = browser.get(f"/manage/periods/{period_id}/scenarios")
    assert page.status_code == 200
    table = page.text.split('id="scenario-comparison"')[1].split("</table>")[0]
    assert f'href="/manage/rosters/{roster_id}/coverage"' in table
    assert "Scenario: onshore" in table and "No roster yet" in table
    assert "fr-support: FR" in table, "a1 answers fr-support from France"
    assert "<td>FR 4 h</td>" in table, "a1 works four hours on the queue"
    french = browser.get(f"/manage/periods/{period_id}/scenarios?lang=fr").text
    assert "Scénario : onshore" in french and "Pas encore de planning" in french
    assert browser.get("/manage/periods/4242/scenarios").status_code == 404
