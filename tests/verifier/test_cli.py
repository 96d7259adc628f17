"""``homeshore verify``: exit 0 when every rule holds, 1 on a violation, 2 on a bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from api.cli.main import main
from solver.roster import Roster
from tests.verifier.builders import problem, roster, shift

TUE = "2026-12-01"


def _write(tmp_path: Path, planning_roster: Roster) -> tuple[str, str]:
    problem_file, roster_file = tmp_path / "problem.json", tmp_path / "roster.json"
    problem_file.write_text(problem().model_dump_json(), encoding="utf-8")
    roster_file.write_text(planning_roster.model_dump_json(), encoding="utf-8")
    return str(problem_file), str(roster_file)


def test_a_compliant_roster_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _write(tmp_path, roster(shift("a1", TUE, "08:00", "12:00")))
    assert main(["verify", *files]) == 0
    out = capsys.readouterr().out
    assert "every hard rule holds" in out
    assert "objective" in out and "coverage 100.00 %" in out


def test_violations_exit_1_one_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = roster(
        shift("a1", TUE, "08:00", "17:00", breaks=(("12:00", "12:30"),)),
        shift("ghost", TUE, "08:00", "12:00"),
    )
    assert main(["verify", *_write(tmp_path, bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "agent a1 at 2026-12-01T08:00+01:00: max_shift_minutes: shift spans 9h00, longer than 8h00"
    )
    assert lines[1].startswith("agent ghost at 2026-12-01T08:00+01:00: unknown_agent:")
    assert lines[2] == "2 hard-rule violation(s)"


def test_json_output_is_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _write(tmp_path, roster(shift("a1", TUE, "08:00", "09:00")))
    assert main(["verify", *files, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert [v["rule"] for v in report["violations"]] == ["min_shift_minutes"]
    assert set(report["kpis"]["objective_terms"]) >= {"labour_cost", "unmet_demand"}


def test_invalid_json_exits_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem_file, roster_file = _write(tmp_path, roster())
    Path(roster_file).write_text('{"shifts": [', encoding="utf-8")
    assert main(["verify", problem_file, roster_file]) == 2
    err = capsys.readouterr().err
    assert "roster.json: not valid JSON" in err and "line 1" in err
    assert "Traceback" not in err


def test_bad_field_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem_file, roster_file = _write(tmp_path, roster())
    data = json.loads(Path(problem_file).read_text(encoding="utf-8"))
    data["agents"][0]["time_zone"] = "Mars/Olympus"
    Path(problem_file).write_text(json.dumps(data), encoding="utf-8")
    assert main(["verify", problem_file, roster_file]) == 2
    err = capsys.readouterr().err
    assert "problem.json" in err
    assert "agents[0].time_zone" in err and "Mars/Olympus" in err


def test_naive_roster_times_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    problem_file, roster_file = _write(tmp_path, roster())
    naive = {"shifts": [{"agent_id": "a1", "start": "2026-12-01T08:00", "end": "2026-12-01T12:00"}]}
    Path(roster_file).write_text(json.dumps(naive), encoding="utf-8")
    assert main(["verify", problem_file, roster_file]) == 2
    err = capsys.readouterr().err
    assert "roster.json" in err and "shifts[0]" in err and "UTC offset" in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    problem_file, _ = _write(tmp_path, roster())
    assert main(["verify", problem_file, str(tmp_path / "absent.json")]) == 2
    assert "absent.json: cannot read file" in capsys.readouterr().err


def test_the_process_exit_status_follows_the_verdict(tmp_path: Path) -> None:
    files = _write(tmp_path, roster(shift("a1", TUE, "08:00", "09:00")))
    done = subprocess.run(
        [sys.executable, "-m", "api.cli.main", "verify", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "min_shift_minutes" in done.stdout
