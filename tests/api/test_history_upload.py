"""Demand from contact history through the API: forecast and Erlang, or nothing stored."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.db.database import Database
from api.imports.service import import_problem
from solver.problem import Problem

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "demo-week"


def _period(manager: TestClient, database: Database) -> int:
    with database.session(write=True) as session:
        problem = Problem.model_validate_json((FIXTURES / "problem.json").read_bytes())
        import_problem(session, problem)
    [period] = manager.get("/api/v1/sites/demo-week/periods").json()
    return int(period["id"])


def _upload(manager: TestClient, period_id: int, text: str, **params: object):  # type: ignore[no-untyped-def]
    return manager.put(
        f"/api/v1/periods/{period_id}/demand/history.csv",
        files={"file": ("history.csv", text.encode(), "text/csv")},
        params=params,
    )


def test_history_becomes_the_periods_demand(manager: TestClient, database: Database) -> None:
    period_id = _period(manager, database)
    history = (FIXTURES / "history.csv").read_text()
    response = _upload(manager, period_id, history, service_level=0.9, answer_seconds=15)
    assert response.status_code == 200, response.text
    series = response.json()["series"]
    assert {s["queue"] for s in series} == {"fr-support", "fr-sales", "en-support"}
    assert sum(sum(s["required"]) for s in series) > 0
    stricter = _upload(manager, period_id, history, service_level=0.95, answer_seconds=10)
    looser = _upload(manager, period_id, history, service_level=0.6, answer_seconds=60)
    total = lambda r: sum(sum(s["required"]) for s in r.json()["series"])  # noqa: E731
    assert total(stricter) > total(looser)


def test_a_bad_row_is_named_and_nothing_changes(manager: TestClient, database: Database) -> None:
    period_id = _period(manager, database)
    before = manager.get(f"/api/v1/periods/{period_id}/demand").json()
    lines = (FIXTURES / "history.csv").read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 2)[0] + ",many,300"
    response = _upload(manager, period_id, "\n".join(lines) + "\n")
    assert response.status_code == 422
    fields = [d["field"] for d in response.json()["detail"]]
    assert any(f.startswith("file.line[4]") for f in fields), fields
    assert manager.get(f"/api/v1/periods/{period_id}/demand").json() == before


def test_an_impossible_target_is_refused(manager: TestClient, database: Database) -> None:
    period_id = _period(manager, database)
    response = _upload(manager, period_id, "x", service_level=1.5)
    assert response.status_code == 422
    assert "service_level" in response.text


def test_a_row_off_the_slot_grid_is_refused_by_line(
    manager: TestClient, database: Database
) -> None:
    """09:40 in 30-minute data: refused naming its line, not read as 10-minute intervals."""
    period_id = _period(manager, database)
    before = manager.get(f"/api/v1/periods/{period_id}/demand").json()
    lines = (FIXTURES / "history.csv").read_text().splitlines()
    assert lines[0].startswith("date,interval,")
    cells = lines[5].split(",")
    cells[1] = "09:40"
    lines[5] = ",".join(cells)
    response = _upload(manager, period_id, "\n".join(lines) + "\n")
    assert response.status_code == 422, response.text
    [issue] = response.json()["detail"]
    assert issue["field"] == "file.line[6].time" and "30-minute slot grid" in issue["msg"]
    assert manager.get(f"/api/v1/periods/{period_id}/demand").json() == before
