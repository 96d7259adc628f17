"""The PostgreSQL pass runs ``-m database``: a test that opens a database must carry it.

Checked on real collections: a test reaching the database only through a chain of
fixtures (tests/api: ``manager`` -> ``client_for`` -> ``database`` -> ``engine``), one
calling ``fresh_database`` itself (tests/test_cli.py), and pure solver tests that must
not carry it (they would run twice for nothing).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _collected(marker: str, *paths: str) -> set[str]:
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*command, "-m", marker, *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return {line.split("::")[0] for line in done.stdout.splitlines() if "::" in line}


def test_tests_reaching_a_database_through_fixtures_or_directly_are_marked() -> None:
    marked = _collected("database", "tests/api/test_keys.py", "tests/test_cli.py")
    assert marked == {"tests/api/test_keys.py", "tests/test_cli.py"}


def test_pure_solver_tests_are_not_marked() -> None:
    assert _collected("database", "tests/solver/test_queue_split.py") == set()
    assert _collected("not database", "tests/solver/test_queue_split.py") == {
        "tests/solver/test_queue_split.py"
    }
