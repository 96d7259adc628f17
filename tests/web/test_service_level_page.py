"""The coverage page shows the roster's expected service, or why there is none, EN and FR."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.db.database import Database
from api.db.models import Roster, RosterShift
from api.rosters.solver_shifts import solver_shift
from api.servicelevel import service
from solver.roster import Roster as SolverRoster
from tests.api.story import upload_history
from tests.web.conftest import LoginAs, add_roster


def _judge(database: Database, period_id: int, roster_id: int) -> None:
    """What ``record_result`` does for a solved roster, for a hand-made one."""
    with database.session(write=True) as session:
        roster = session.get(Roster, roster_id)
        assert roster is not None
        shifts = session.query(RosterShift).filter_by(roster_id=roster_id).all()
        roster.service_level = service.judge_for_period(
            session, period_id, SolverRoster(shifts=[solver_shift(s) for s in shifts])
        )
        assert roster.service_level is not None


def test_coverage_page_shows_the_expected_service_level(
    login_as: LoginAs, database: Database, manager: TestClient, period_id: int
) -> None:
    upload_history(manager, period_id, shrinkage=0)
    roster_id = add_roster(database, period_id, version=None, hour=7)
    _judge(database, period_id, roster_id)
    browser, _csrf = login_as("planner")
    page = browser.get(f"/manage/rosters/{roster_id}/coverage")
    assert page.status_code == 200
    section = page.text.split('id="service-level"')[1].split("</section>")[0]
    assert "Erlang C" in section and "80.0%" in section and "Week 1, fr-support" in section
    slots = section.split('id="service-slots-1"')[1]
    assert "unbounded" in slots, "slots nobody staffs have no steady state"
    assert "1 / 1" in slots, "a1 staffed and on the phones (shrinkage 0)"
    french = browser.get(f"/manage/rosters/{roster_id}/coverage?lang=fr").text
    assert "Semaine 1, fr-support" in french and "80,0\u00a0%" in french


def test_coverage_page_says_why_there_is_no_service_level(
    login_as: LoginAs, database: Database, period_id: int
) -> None:
    roster_id = add_roster(database, period_id, version=None, hour=7)
    browser, _csrf = login_as("manager")
    page = browser.get(f"/manage/rosters/{roster_id}/coverage")
    assert page.status_code == 200
    assert "given as required agents" in page.text
    assert 'id="service-weeks"' not in page.text
