"""The ``homeshore`` command line: every documented command, its exit codes, help and completion.

Exit codes: 0 success; 1 a result that is not good (``verify`` violations, ``erlang``
without steady state, ``db load-problem`` into a loaded database, ``staff`` unable to write);
2 the user's mistake (bad option or file), always one sentence on stderr, never a traceback.
Commands run in-process through ``main`` (as the console script calls it) and, where the
terminal or the process matters, as real subprocesses.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rich.console import Console
from sqlalchemy import select

from api.auth import service as auth_service
from api.cli.main import main
from api.cli.table_output import lines_table
from api.db.database import Database
from api.db.engine import make_engine
from api.db.models import ApiKey, AuditEntry
from api.errors import Unauthorized
from tests.api.databases import fresh_database
from tests.verifier.builders import FIRST_DAY, agent, problem

HOMESHORE = Path(sys.executable).parent / "homeshore"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "demo-week"
COMMANDS = ["solve", "verify", "staff", "erlang", "schema", "db", "serve", "users", "worker"]
COMMANDS += ["replan"]


def _problem_file(tmp_path: Path) -> Path:
    p = problem(
        [agent("a1"), agent("a2")],
        demand=[{"queue": "fr", "start": f"{FIRST_DAY}T08:00", "required": [1] * 8}],
    )
    path = tmp_path / "problem.json"
    path.write_text(p.model_dump_json())
    return path


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HOMESHORE), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **env},
    )


def _one_sentence_on_stderr(err: str) -> None:
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


# --- help, usage mistakes, completion ---------------------------------------------------


def test_help_lists_every_command_quickly_without_the_solver() -> None:
    probe = (
        "import sys; from api.cli.main import main; code = main(['--help']);"
        "heavy = [m for m in ('ortools', 'fastapi', 'sqlalchemy', 'numpy') if m in sys.modules];"
        "print('HEAVY', heavy); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    for command in COMMANDS:
        assert command in done.stdout
    assert "HEAVY []" in done.stdout
    assert "--install-completion" in done.stdout and "--show-completion" in done.stdout


@pytest.mark.parametrize(
    "command",
    [
        *[[c] for c in COMMANDS if c not in ("db", "users")],
        ["db", "upgrade"],
        ["db", "load-problem"],
        ["users", "create-key"],
        ["users", "list"],
        ["users", "revoke"],
    ],
)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == 0
    assert f"homeshore {' '.join(command)}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ([], "Missing command"),
        (["plan"], "No such command 'plan'"),
        (["db"], "Missing command"),
        (["users", "delete"], "No such command 'delete'"),
        (["solve", "problem.json"], "'--out'"),
        (["solve", "problem.json", "--out", "o", "--time-limit", "soon"], "'--time-limit'"),
        (["verify", "problem.json"], "'ROSTER.json'"),
        (["staff", "history.csv", "--out", "p.json"], "'--problem'"),
        (["erlang", "--contacts", "10", "--aht", "0"], "'--aht': must be > 0"),
        (
            ["erlang", "--contacts", "10", "--aht", "9", "--agents", "3", "--service-level", "0.8"],
            "--service-level",
        ),
        (["schema", "tables"], "tables"),
        (["db", "load-problem"], "'PROBLEM.json'"),
        (["serve", "--port", "http"], "'--port'"),
        (["users", "create-key", "--role", "boss"], "'--role'"),
        (["users", "create-key"], "'--role'"),
        (["users", "revoke", "first"], "'KEY_ID'"),
        (["users", "list", "--csv"], "--csv"),
        (["worker", "--beat", "0"], "--beat"),
        (["replan", "one"], "'PERIOD_ID'"),
        (["replan", "1", "--time-limit", "0"], "--time-limit"),
    ],
)
def test_a_usage_mistake_is_one_sentence_and_exit_2(
    args: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    _one_sentence_on_stderr(captured.err)
    assert named in captured.err
    assert captured.err.startswith("homeshore")


def test_the_process_exits_2_on_a_usage_mistake() -> None:
    done = _run("erlang", "--contacts", "-3", "--aht", "180")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "homeshore erlang: error: Invalid value for '--contacts': must be >= 0, got -3; "
        "see 'homeshore erlang --help'."
    )


def test_shell_completion_script_and_protocol() -> None:
    shown = _run("--show-completion", "bash", _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert shown.returncode == 0, shown.stderr
    assert "_HOMESHORE_COMPLETE" in shown.stdout and "complete " in shown.stdout
    words = _run(_HOMESHORE_COMPLETE="complete_bash", COMP_WORDS="homeshore users ", COMP_CWORD="2")
    assert words.returncode == 0
    assert words.stdout.split() == ["create-key", "list", "revoke"]
    options = _run(
        _HOMESHORE_COMPLETE="complete_bash", COMP_WORDS="homeshore solve --ti", COMP_CWORD="2"
    )
    assert options.stdout.split() == ["--time-limit"]


# --- solve, schema, staff, erlang ---------------------------------------------------------


def test_solve_prints_plain_progress_lines_when_not_a_terminal(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    done = _run("solve", str(_problem_file(tmp_path)), "--out", out, "--time-limit", "5")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("solving ") and "time limit 5 s" in lines[0]
    assert any(line.startswith("  ") and " s  objective " in line for line in lines)
    assert "verifier        every hard rule holds" in done.stdout
    assert "│" not in done.stdout and "\x1b[" not in done.stdout


def test_solve_on_a_terminal_shows_a_live_panel_and_the_summary_as_tables(
    tmp_path: Path,
) -> None:
    args = ["solve", str(_problem_file(tmp_path)), "--out", str(tmp_path / "out")]
    done = _run(*args, "--time-limit", "5", TTY_COMPATIBLE="1", COLUMNS="140")
    assert done.returncode == 0, done.stderr
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", done.stdout)
    for heading in ("objective", "bound", "gap", "elapsed", "rosters found"):
        assert heading in shown
    assert "/ 5 s" in shown
    assert "│ verifier " in shown and "every hard rule holds" in shown
    assert "│ caller notice " in shown


def test_the_summary_tables_keep_every_report_line(capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        "status          optimal",
        "warnings        2 agents have no availability",
        "verifier        every hard rule holds",
        "  agent a1 at 2026-12-01T08:00: a detail",
        "caller notice   countries agents answer from (share of staffed slots):",
        "  fr             FR 100 %",
    ]
    console = Console(record=True, width=120, force_terminal=True)
    console.print(lines_table(lines, "Homeshore roster for tiny"))
    text = console.export_text()
    assert "Homeshore roster for tiny" in text
    for line in lines:
        label, _, value = line.strip().partition("  ")
        assert label in text and value.strip() in text, line


def test_schema_prints_each_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Problem"
    assert main(["schema", "roster"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Roster"


def test_staff_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    history, base = FIXTURES / "history.csv", FIXTURES / "problem.json"
    missing = ["staff", str(tmp_path / "none.csv"), "--problem", str(base), "--out", "p.json"]
    assert main(missing) == 2
    _one_sentence_on_stderr(capsys.readouterr().err)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    unwritable = ["staff", str(history), "--problem", str(base), "--out", str(blocker / "p.json")]
    assert main(unwritable) == 1
    assert "cannot write" in capsys.readouterr().err


def test_erlang_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["erlang", "--contacts", "120", "--interval", "30", "--aht", "300"]) == 0
    assert "agents" in capsys.readouterr().out
    assert main(["erlang", "--contacts", "100", "--aht", "180", "--agents", "10"]) == 1
    assert main(["erlang", "--contacts", "1", "--aht", "9", "--agents", "3", "--asa", "5"]) == 2


# --- db and users -------------------------------------------------------------------------


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh migrated database (SQLite, or a PostgreSQL schema) the commands point at."""
    with fresh_database(tmp_path) as (url, _engine):
        monkeypatch.setenv("HOMESHORE_DATABASE_URL", url)
        yield url


def test_db_load_problem_exit_codes(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "load-problem", str(tmp_path / "absent.json")]) == 2
    _one_sentence_on_stderr(capsys.readouterr().err)
    broken = tmp_path / "broken.json"
    broken.write_text('{"agents": [')
    assert main(["db", "load-problem", str(broken)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    path = _problem_file(tmp_path)
    assert main(["db", "load-problem", str(path)]) == 0
    assert main(["db", "load-problem", str(path)]) == 1
    assert main(["db", "load-problem", str(path), "--if-empty"]) == 0


def test_users_create_list_and_revoke(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["users", "create-key", "--role", "manager", "--label", "ops desk"]) == 0
    secret = capsys.readouterr().out.splitlines()[-1]
    assert main(["users", "create-key", "--role", "planner"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--json"]) == 0
    keys = json.loads(capsys.readouterr().out)
    assert [(k["role"], k["label"], k["revoked"]) for k in keys] == [
        ("manager", "ops desk", None),
        ("planner", "", None),
    ]
    assert set(keys[0]) == {"id", "prefix", "role", "agent", "label", "created", "revoked"}
    assert keys[0]["prefix"] == secret[:10]
    assert main(["users", "list"]) == 0
    table = capsys.readouterr().out
    assert "ops desk" in table and secret not in table
    for column in ("id", "prefix", "role", "agent", "label", "created", "revoked"):
        assert column in table

    manager_id = keys[0]["id"]
    assert main(["users", "revoke", str(manager_id)]) == 0
    assert f"key {manager_id} (manager" in capsys.readouterr().out
    assert main(["users", "revoke", str(manager_id)]) == 0
    assert "already revoked" in capsys.readouterr().err
    assert main(["users", "revoke", "424242"]) == 2
    err = capsys.readouterr().err
    _one_sentence_on_stderr(err)
    assert "there is no key 424242" in err
    assert main(["users", "list", "--json"]) == 0
    listed = {k["id"]: k["revoked"] for k in json.loads(capsys.readouterr().out)}
    assert listed[manager_id] is not None and listed[keys[1]["id"]] is None

    database = Database(make_engine(database_url))
    try:
        with database.session() as session:
            with pytest.raises(Unauthorized):
                auth_service.authenticate(session, secret)
            entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "key"))
            trail = [(e.action, e.entity_id, e.actor_role, e.actor_key_id) for e in entries]
            assert (session.get(ApiKey, manager_id) or ApiKey()).revoked_at is not None
    finally:
        database.engine.dispose()
    assert trail == [
        ("create", str(manager_id), "cli", None),
        ("create", str(keys[1]["id"]), "cli", None),
        ("revoke", str(manager_id), "cli", None),
    ]


def test_users_create_key_for_an_unknown_agent_exits_2(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["users", "create-key", "--role", "agent", "--agent-id", "nobody"]) == 2
    err = capsys.readouterr().err
    _one_sentence_on_stderr(err)
    assert "nobody" in err


def test_a_database_not_migrated_or_not_reachable_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOMESHORE_DATABASE_URL", f"sqlite:///{tmp_path / 'new.sqlite3'}")
    load = ["db", "load-problem", str(_problem_file(tmp_path))]
    for args in (["users", "list"], ["users", "revoke", "1"], load):
        assert main(args) == 2
        err = capsys.readouterr().err
        _one_sentence_on_stderr(err)
        assert "run `homeshore db upgrade` first" in err
    assert main(["db", "upgrade", "nosuchrevision"]) == 2
    _one_sentence_on_stderr(capsys.readouterr().err)
    monkeypatch.setenv("HOMESHORE_DATABASE_URL", f"sqlite:///{tmp_path / 'absent' / 'x.sqlite3'}")
    assert main(["users", "list"]) == 1
    err = capsys.readouterr().err
    _one_sentence_on_stderr(err)
    assert "cannot open the database" in err
    assert main(["db", "upgrade"]) == 1
    assert "cannot open the database" in capsys.readouterr().err


def test_a_command_outside_the_project_leaves_no_stray_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HOMESHORE_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    for args in (["users", "create-key", "--role", "manager"], ["serve", "--port", "1"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        _one_sentence_on_stderr(err)
        assert "no database at" in err and "homeshore db upgrade" in err
    assert list(tmp_path.iterdir()) == []


def test_serve_on_a_database_not_migrated_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.sqlite3"
    make_engine(f"sqlite:///{empty}").dispose()
    empty.touch()
    monkeypatch.setenv("HOMESHORE_DATABASE_URL", f"sqlite:///{empty}")
    assert main(["serve", "--port", "1"]) == 2
    err = capsys.readouterr().err
    _one_sentence_on_stderr(err)
    assert "run `homeshore db upgrade` first" in err


def test_production_with_sqlite_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    done = _run(
        "users",
        "list",
        HOMESHORE_ENVIRONMENT="production",
        HOMESHORE_DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
    )
    assert done.returncode == 2
    _one_sentence_on_stderr(done.stderr)
    assert "PostgreSQL" in done.stderr and "HOMESHORE_DATABASE_URL" in done.stderr


def test_serve_answers_http_until_stopped(database_url: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(HOMESHORE), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "homeshore serve did not start"
                time.sleep(0.2)
        assert answer.status_code == 200 and answer.json()["status"] == "ok"
    finally:
        server.terminate()
        # uvicorn shuts down gracefully, then re-raises SIGTERM so the status says why.
        assert server.wait(timeout=30) in (0, -signal.SIGTERM)
