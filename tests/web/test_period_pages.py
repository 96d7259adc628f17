"""Setting up a week from the pages: period, demand, forecast preview, rules, availability."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from api.db.database import Database
from api.imports.service import import_problem
from solver.problem import Problem
from tests.web.conftest import LoginAs

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo-week"


def test_a_manager_creates_a_period_and_gives_it_demand(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    pages, csrf = login_as("manager")
    form = {"csrf_token": csrf, "site_id": "paris", "name": "Week 6", "first_day": "2030-02-04"}
    created = pages.post("/manage/periods", data={**form, "days": "7"})
    assert created.status_code == 303, created.text
    new_id = int(re.findall(r"/manage/periods/(\d+)/setup", created.headers["location"])[0])
    assert manager.get(f"/api/v1/periods/{new_id}").json()["name"] == "Week 6"
    bad = pages.post("/manage/periods", data={**form, "days": "0"})
    assert bad.status_code == 422 and "<code>days</code>" in bad.text
    csv = "queue,start,required\nfr-support,2030-02-04T08:00,2\nfr-support,2030-02-04T08:30,3\n"
    files = {"file": ("demand.csv", csv.encode(), "text/csv")}
    saved = pages.post(f"/manage/periods/{new_id}/demand", data={"csrf_token": csrf}, files=files)
    assert saved.status_code == 303, saved.text
    series = manager.get(f"/api/v1/periods/{new_id}/demand").json()["series"]
    assert series[0]["required"] == [2, 3]
    off = "queue,start,required\nfr-support,2030-02-04T08:10,2\n"
    refused = pages.post(
        f"/manage/periods/{new_id}/demand",
        data={"csrf_token": csrf},
        files={"file": ("demand.csv", off.encode(), "text/csv")},
    )
    assert refused.status_code == 422
    assert manager.get(f"/api/v1/periods/{new_id}/demand").json()["series"] == series


def test_rules_weights_and_availability_from_the_setup_page(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    pages, csrf = login_as("manager")
    page = pages.get(f"/manage/periods/{period_id}/setup?lang=fr")
    assert page.status_code == 200 and "Règles de temps de travail" in page.text
    rules = manager.get(f"/api/v1/periods/{period_id}/rules").json()
    changed = {**{k: str(v) for k, v in rules.items()}, "min_shift_minutes": "180"}
    assert (
        pages.post(
            f"/manage/periods/{period_id}/rules", data={**changed, "csrf_token": csrf}
        ).status_code
        == 303
    )
    assert manager.get(f"/api/v1/periods/{period_id}/rules").json()["min_shift_minutes"] == 180
    too_short = {**changed, "min_shift_minutes": "5", "csrf_token": csrf}
    refused = pages.post(f"/manage/periods/{period_id}/rules", data=too_short)
    assert refused.status_code == 422 and "<code>min_shift_minutes</code>" in refused.text
    weights = manager.get(f"/api/v1/periods/{period_id}/weights").json()
    heavier = {**{k: str(v) for k, v in weights.items()}, "unmet_demand": "2000,5"}
    assert (
        pages.post(
            f"/manage/periods/{period_id}/weights", data={**heavier, "csrf_token": csrf}
        ).status_code
        == 303
    )
    assert manager.get(f"/api/v1/periods/{period_id}/weights").json()["unmet_demand"] == 2000.5
    reopen = {"csrf_token": csrf, "action": "open", "until": "2030-01-06T18:00"}
    assert pages.post(f"/manage/periods/{period_id}/availability", data=reopen).status_code == 303
    period = manager.get(f"/api/v1/periods/{period_id}").json()
    assert period["availability_open"] and period["availability_closes_at"].startswith(
        "2030-01-06T17:00"
    )
    late = {**reopen, "until": "2030-01-09T18:00"}
    assert pages.post(f"/manage/periods/{period_id}/availability", data=late).status_code == 422
    close = {"csrf_token": csrf, "action": "close"}
    assert pages.post(f"/manage/periods/{period_id}/availability", data=close).status_code == 303
    assert manager.get(f"/api/v1/periods/{period_id}").json()["availability_open"] is False


def test_history_is_previewed_with_its_forecast_then_saved(
    login_as: LoginAs, manager: TestClient, database: Database
) -> None:
    with database.session(write=True) as session:
        problem = Problem.model_validate_json((DEMO / "problem.json").read_bytes())
        import_problem(session, problem.model_copy(update={"demand": []}))
    [period] = manager.get("/api/v1/sites/demo-week/periods").json()
    pages, csrf = login_as("manager")
    history = (DEMO / "history.csv").read_bytes()
    form = {
        "csrf_token": csrf,
        "action": "preview",
        "service_level": "0,8",
        "answer_seconds": "20",
        "max_occupancy": "0.85",
        "shrinkage": "0.3",
    }
    url = f"/manage/periods/{period['id']}/history"
    preview = pages.post(url, data=form, files={"history": ("h.csv", history, "text/csv")})
    assert preview.status_code == 200, preview.text
    assert 'id="forecast-data"' in preview.text and 'id="forecast-table"' in preview.text
    assert " %</td>" in preview.text, "holdout errors are shown as percentages"
    demand_url = f"/api/v1/periods/{period['id']}/demand"
    assert manager.get(demand_url).json()["series"] == [], "a preview stores nothing"
    kept = re.search(
        r'<textarea name="history_text" hidden[^>]*>(.*?)</textarea>', preview.text, re.S
    )
    assert kept, "the history travels back with the form"
    saved = pages.post(url, data={**form, "action": "save", "history_text": kept.group(1)})
    assert saved.status_code == 303, saved.text
    assert sum(sum(s["required"]) for s in manager.get(demand_url).json()["series"]) > 0
