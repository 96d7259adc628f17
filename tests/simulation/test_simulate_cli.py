"""``homeshore simulate PROBLEM ROSTER``: figures beside Erlang, or one sentence and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli.main import main
from solver.problem import Agent, Contract, Problem, Queue
from solver.staffing.requirements import StaffingPlan, StaffingPolicy
from tests.staffing_helpers import forecast_with, one_day_horizon, roster, shift


def _files(tmp_path: Path, with_forecast: bool = True) -> tuple[Path, Path]:
    problem = Problem(
        name="tiny",
        horizon=one_day_horizon(),
        queues=[Queue(id="fr", skill="fr")],
        agents=[
            Agent(
                id=f"a{i}",
                time_zone="Europe/Paris",
                country="FR",
                skills=["fr"],
                hourly_cost=10,
                contract=Contract(max_hours_per_week=20),
            )
            for i in range(3)
        ],
    )
    problem_path = tmp_path / "problem.json"
    problem_path.write_text(problem.model_dump_json())
    if with_forecast:
        plan = StaffingPlan(
            forecast=forecast_with({20: 20.0, 21: 20.0}),
            policy=StaffingPolicy(shrinkage=0, patience_seconds=120),
        )
        (tmp_path / "problem.forecast.json").write_text(plan.model_dump_json())
    roster_path = tmp_path / "roster.json"
    roster_path.write_text(roster(*[shift(f"a{i}", 20, 22) for i in range(3)]).model_dump_json())
    return problem_path, roster_path


def test_simulate_prints_each_queue_beside_erlang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem, roster_file = _files(tmp_path)
    assert main(["simulate", str(problem), str(roster_file), "--replications", "4"]) == 0
    printed = capsys.readouterr().out
    assert "simulated 4 replication(s), seed 0" in printed
    assert "week 1 fr" in printed and "(Erlang " in printed and "abandoned" in printed

    assert main(["simulate", str(problem), str(roster_file), "--json", "--seed", "5"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["model"] == "erlang_a" and report["seed"] == 5
    assert [s["slot"] for s in report["slots"]] == [20, 21]
    assert all(s["staffed"] == 3 for s in report["slots"])


def test_without_a_forecast_one_sentence_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem, roster_file = _files(tmp_path, with_forecast=False)
    assert main(["simulate", str(problem), str(roster_file)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("homeshore simulate: no forecast") and "\n" not in error
