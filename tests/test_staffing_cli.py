"""``homeshore erlang`` and ``homeshore staff``: output, files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli.main import main
from solver.problem import Problem
from solver.staffing.requirements import StaffingPlan
from solver.validation import check_problem

DEMO_HISTORY = Path(__file__).parent.parent / "fixtures" / "demo-week" / "history.csv"
BASE_PROBLEM = {
    "name": "demo",
    "horizon": {
        "first_day": "2026-11-30",
        "days": 7,
        "slot_minutes": 30,
        "time_zone": "Europe/Paris",
        "opening_hours": [
            {"weekdays": [0, 1, 2, 3, 4], "open": "08:00", "close": "20:00"},
            {"weekdays": [5], "open": "09:00", "close": "18:00"},
        ],
    },
    "queues": [
        {"id": "fr-support", "skill": "fr"},
        {"id": "fr-sales", "skill": "fr"},
        {"id": "en-support", "skill": "en"},
    ],
}


def test_erlang_prints_required_agents(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["erlang", "--contacts", "100", "--aht", "180"]) == 0
    out = capsys.readouterr().out
    assert "agents            14" in out
    assert "88.8%" in out


def test_erlang_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["erlang", "--contacts", "100", "--aht", "180", "--agents", "13", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"agents", "service_level", "asa_seconds", "prob_wait", "occupancy"} <= data.keys()
    assert "prob_abandon" not in data
    assert data["agents"] == 13
    assert data["occupancy"] == pytest.approx(10 / 13)
    args = ["erlang", "--contacts", "100", "--aht", "180", "--patience", "120", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agents"] == 12 and 0 < data["prob_abandon"] < 0.1
    assert data["asa_all_arrivals_seconds"] > data["asa_seconds"]


def test_erlang_a_prints_both_asas_named(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["erlang", "--contacts", "100", "--aht", "180", "--agents", "14", "--patience", "300"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "ASA, answered     3.9 s  (mean wait of answered calls)" in out
    assert "ASA, all arrivals 4.2 s  (mean wait of every caller, abandoners until" in out
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["asa_all_arrivals_seconds"] == pytest.approx(4.195, abs=5e-4)
    assert data["asa_seconds"] == pytest.approx(3.878, abs=5e-4)


def test_erlang_asa_target_and_shrinkage(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["erlang", "--contacts", "100", "--aht", "180", "--asa", "10", "--shrinkage", "0.3"]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["asa_seconds"] <= 10
    assert data["scheduled_agents"] == -(-data["agents"] * 10 // 7)


def test_erlang_overload_exits_1_with_a_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["erlang", "--contacts", "100", "--aht", "180", "--agents", "10"]) == 1
    assert "no steady state" in capsys.readouterr().err


@pytest.mark.parametrize(
    "extra",
    [["--contacts", "-3"], ["--service-level", "80"], ["--aht", "zero"], ["--agents", "2.5"]],
)
def test_erlang_bad_arguments_exit_2(extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    args = ["erlang", "--contacts", "100", "--aht", "180", *extra]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "error" in err and f"'{extra[0]}'" in err and "Traceback" not in err


def test_staff_writes_problem_and_forecast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base.json"
    base.write_text(json.dumps(BASE_PROBLEM))
    out = tmp_path / "out" / "problem.json"
    args = ["staff", str(DEMO_HISTORY), "--problem", str(base), "--out", str(out)]
    assert main([*args, "--uplift", "fr-sales@2026-12-01=+20"]) == 0
    printed = capsys.readouterr().out
    assert "WAPE slot" in printed and "seasonal-naive" in printed
    problem = Problem.model_validate_json(out.read_text())
    assert check_problem(problem) == []
    assert [s.queue for s in problem.demand] == ["fr-support", "fr-sales", "en-support"]
    assert all(len(s.required) == 7 * 48 for s in problem.demand)
    assert max(problem.demand[0].required) > 0
    plan = StaffingPlan.model_validate_json(
        (tmp_path / "out" / "problem.forecast.json").read_text()
    )
    assert plan.policy.shrinkage == 0.3
    assert plan.forecast.adjustments[0].queue == "fr-sales"


def test_staff_reports_bad_history_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base.json"
    base.write_text(json.dumps(BASE_PROBLEM))
    history = tmp_path / "history.csv"
    lines = DEMO_HISTORY.read_text().splitlines()
    lines[4] = lines[4].replace("fr-support", "fr support")
    history.write_text("\n".join(lines) + "\n")
    out = tmp_path / "problem.json"
    assert main(["staff", str(history), "--problem", str(base), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "line 5, column queue" in err
    assert not out.exists()


def test_staff_reports_missing_files_and_bad_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "problem.json"
    missing = tmp_path / "nope.json"
    assert main(["staff", str(DEMO_HISTORY), "--problem", str(missing), "--out", str(out)]) == 2
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**BASE_PROBLEM, "queues": []}))
    assert main(["staff", str(DEMO_HISTORY), "--problem", str(bad), "--out", str(out)]) == 2
    assert "queues" in capsys.readouterr().err
    assert (
        main(
            ["staff", str(DEMO_HISTORY), "--problem", str(bad), "--out", str(out), "--uplift", "x"]
        )
        == 2
    )
    assert "adjustment 'x'" in capsys.readouterr().err


def test_staff_refuses_files_that_are_not_utf8_text_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 with the file named, as ``solve`` and ``verify`` do, not a traceback (1)."""
    base = tmp_path / "base.json"
    base.write_text(json.dumps(BASE_PROBLEM))
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(
        DEMO_HISTORY.read_bytes() + "\n2026-11-02,08:00,fr-support,1,300 é\n".encode("latin-1")
    )
    out = tmp_path / "problem.json"
    for history, problem in ((latin, base), (DEMO_HISTORY, latin)):
        args = ["staff", str(history), "--problem", str(problem), "--out", str(out)]
        assert main(args) == 2
        [line] = capsys.readouterr().err.splitlines()
        assert line.startswith(f"homeshore staff: {latin}: cannot read file: not UTF-8 text")
    assert not out.exists()


def test_staff_out_of_range_policy_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base.json"
    base.write_text(json.dumps(BASE_PROBLEM))
    args = ["staff", str(DEMO_HISTORY), "--problem", str(base), "--out", str(tmp_path / "p.json")]
    assert main([*args, "--patience", "90000"]) == 2
    assert "--patience: Input should be less than or equal to 7200" in capsys.readouterr().err


def test_erlang_occupancy_cap_and_interval(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["erlang", "--contacts", "1000", "--aht", "180", "--interval", "15", "--json"]
    assert main([*args, "--max-occupancy", "0.85"]) == 0
    capped = json.loads(capsys.readouterr().out)
    assert capped["load_erlangs"] == pytest.approx(200.0)
    assert capped["agents"] == 236 and capped["occupancy"] <= 0.85
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["agents"] < 236
