"""``homeshore solve`` judges the roster's expected service when a staffing plan is beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli.main import main
from solver.problem import Problem
from solver.staffing.requirements import StaffingPlan, StaffingPolicy, staffed_problem
from tests.staffing_helpers import forecast_with, one_day_horizon


def _agent(agent_id: str) -> dict[str, object]:
    return {
        "id": agent_id,
        "time_zone": "Europe/Paris",
        "country": "FR",
        "skills": ["fr"],
        "hourly_cost": 10.0,
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 20},
        "availability": [{"start": "2026-12-01T08:00", "end": "2026-12-01T20:00"}],
    }


def _write(tmp_path: Path) -> tuple[Path, StaffingPlan]:
    base = Problem.model_validate(
        {
            "name": "tiny",
            "horizon": one_day_horizon().model_dump(mode="json"),
            "queues": [{"id": "fr", "skill": "fr"}],
            "agents": [_agent(f"a{i}") for i in range(4)],
        }
    )
    plan = StaffingPlan(
        forecast=forecast_with({20: 10.0, 21: 12.0}), policy=StaffingPolicy(shrinkage=0)
    )
    path = tmp_path / "problem.json"
    path.write_text(staffed_problem(base, plan).model_dump_json())
    (tmp_path / "problem.forecast.json").write_text(plan.model_dump_json())
    return path, plan


def test_solve_prints_and_records_the_expected_service_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem, _ = _write(tmp_path)
    out = tmp_path / "out"
    args = ["solve", str(problem), "--out", str(out), "--time-limit", "10", "--quiet"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "service level   expected from the forecast (target 80% in 20 s)" in printed
    kpis = json.loads((out / "kpis.json").read_text())
    [week] = [w for w in kpis["service"]["weeks"] if w["queue"] is None]
    assert week["contacts"] == pytest.approx(22.0)
    assert week["service_level"] >= 0.8
    rows = (out / "service.csv").read_text().splitlines()
    assert rows[0].startswith("queue,start,contacts,staffed")
    assert len(rows) == 3


def test_a_plan_for_another_horizon_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem, plan = _write(tmp_path)
    other = plan.model_copy(
        update={"forecast": plan.forecast.model_copy(update={"horizon": one_day_horizon(15)})}
    )
    wrong = tmp_path / "other.forecast.json"
    wrong.write_text(other.model_dump_json())
    args = ["solve", str(problem), "--out", str(tmp_path / "o"), "--forecast", str(wrong)]
    assert main(args) == 2
    assert "another horizon" in capsys.readouterr().err
