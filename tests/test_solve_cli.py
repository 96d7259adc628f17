"""``homeshore solve``: files written, KPIs named as documented, and clear exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli.main import main
from tests.verifier.builders import FIRST_DAY, agent, problem


def _problem_file(tmp_path: Path, **overrides: object) -> Path:
    p = problem(
        [agent("a1"), agent("m1", country="MA", time_zone="Africa/Casablanca")],
        demand=[{"queue": "fr", "start": f"{FIRST_DAY}T08:00", "required": [1] * 8}],
        **overrides,
    )
    path = tmp_path / "problem.json"
    path.write_text(p.model_dump_json())
    return path


def test_solve_writes_a_roster_that_verify_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _problem_file(tmp_path)
    out = tmp_path / "out"
    assert main(["solve", str(path), "--out", str(out), "--time-limit", "5", "--quiet"]) == 0
    written = {p.name for p in out.iterdir()}
    assert {"roster.json", "roster.csv", "kpis.json", "coverage.png"} <= written
    kpis = json.loads((out / "kpis.json").read_text())
    for key in (
        "status",
        "objective",
        "bound",
        "gap",
        "wall_seconds",
        "first_solution_seconds",
        "unmet_agent_hours",
        "cost",
    ):
        assert key in kpis
    assert kpis["verified"] is True
    assert kpis["unmet_agent_hours"] == 0
    summary = capsys.readouterr().out
    assert "every hard rule holds" in summary
    assert "caller notice" in summary
    assert main(["verify", str(path), str(out / "roster.json")]) == 0


def test_an_unreadable_problem_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "problem.json"
    data = json.loads(_problem_file(tmp_path).read_text())
    data["horizon"]["slot_minutes"] = 20
    path.write_text(json.dumps(data))
    assert main(["solve", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "horizon.slot_minutes" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_invalid_problem_exits_2_with_agent_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _problem_file(tmp_path)
    data = json.loads(path.read_text())
    data["agents"][0]["aid_cap"] = {"max_hours_per_week": 1}
    data["agents"][0]["contract"]["min_hours_per_week"] = 5
    path.write_text(json.dumps(data))
    assert main(["solve", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "agent a1" in err and "below the contract minimum" in err


def test_a_queue_no_agent_may_serve_is_solved_and_named_in_kpis_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12 item 8: a Belgian-only queue with French and Moroccan agents exited 1."""
    p = problem(
        [agent("a1"), agent("m1", country="MA", time_zone="Africa/Casablanca")],
        queues=[{"id": "be", "skill": "fr", "countries": ["BE"]}],
        demand=[{"queue": "be", "start": f"{FIRST_DAY}T08:00", "required": [1] * 4}],
    )
    path = tmp_path / "problem.json"
    path.write_text(p.model_dump_json())
    out = tmp_path / "out"
    assert main(["solve", str(path), "--out", str(out), "--time-limit", "5", "--quiet"]) == 0
    kpis = json.loads((out / "kpis.json").read_text())
    assert kpis["unmet_agent_hours_by_queue"] == {"be": 2.0}
    [warning] = kpis["warnings"]
    assert "'be'" in warning
    summary = capsys.readouterr().out
    assert f"warning         {warning}" in summary


def test_a_window_across_the_horizon_start_is_a_warning_in_kpis_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13 item 1: the part inside is solved for, the rest is named, nothing refused."""
    # The week starts at 03:00 on a Mauritius agent's Monday (+04:00 against Paris's +01:00).
    mauritius = agent(
        "u1",
        country="MU",
        time_zone="Indian/Mauritius",
        availability=[{"start": f"{FIRST_DAY}T01:00", "end": f"{FIRST_DAY}T05:00"}],
    )
    p = problem([agent("a1"), mauritius])
    path = tmp_path / "problem.json"
    path.write_text(p.model_dump_json())
    out = tmp_path / "out"
    assert main(["solve", str(path), "--out", str(out), "--time-limit", "5", "--quiet"]) == 0
    kpis = json.loads((out / "kpis.json").read_text())
    assert kpis["verified"] is True
    assert kpis["warnings"] == [
        "agent u1: agents[1].availability[0]: window 2026-11-30 01:00-05:00 (Indian/Mauritius) "
        "runs past the horizon start; 2026-11-30 03:00-05:00 is kept, the rest dropped"
    ]
    assert f"warning         {kpis['warnings'][0]}" in capsys.readouterr().out


def test_a_weight_the_model_cannot_represent_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12 item 7: unmet_demand 1e308 made every solve fail with OverflowError."""
    path = _problem_file(tmp_path)
    data = json.loads(path.read_text())
    data["weights"]["unmet_demand"] = 1e308
    path.write_text(json.dumps(data))
    assert main(["solve", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "weights.unmet_demand" in err and "1000000" in err
