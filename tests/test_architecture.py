"""The layering the architecture page promises, checked on the source itself.

- ``solver/`` is pure: no database, web or ``api`` import.
- ``scheduler/`` holds triggers only: no database models, no query building; its leader
  lock is the one exception, on its own ``scheduler_leases`` table and advisory lock.
- A use case is written once: one ``publish``, one process pool, one roster comparison,
  and Celery only behind the one solve execution.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY_BUILDERS = {"select", "update", "delete", "insert", "exists", "func", "text"}


def _sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _imports(path: Path) -> list[tuple[str, set[str]]]:
    """(module, names) for every import in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, {a.name for a in node.names}))
        elif isinstance(node, ast.Import):
            found += [(a.name, set()) for a in node.names]
    return found


def test_the_solver_imports_no_database_web_or_api_code() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}: {module}"
        for p in _sources("solver")
        for module, _names in _imports(p)
        if module.split(".")[0] in {"sqlalchemy", "fastapi", "api", "scheduler", "starlette"}
    ]
    assert offenders == []


def test_the_scheduler_neither_imports_models_nor_builds_queries() -> None:
    offenders = []
    for path in _sources("scheduler"):
        own_lock = path.name == "leadership.py"
        for module, names in _imports(path):
            if module.startswith("api.db.models") and not (
                own_lock and names <= {"SchedulerLease"}
            ):
                offenders.append(f"{path.name}: models {sorted(names)}")
            if module.startswith("sqlalchemy") and names & QUERY_BUILDERS and not own_lock:
                offenders.append(f"{path.name}: builds queries with {sorted(names)}")
            if module.startswith("api.") and module.endswith(".repository"):
                offenders.append(f"{path.name}: reads another domain's repository {module}")
    assert offenders == [], "scheduler/ calls services; queries live in the api domains"


def _definitions(pattern: str) -> list[str]:
    regex = re.compile(pattern, re.M)
    return [
        f"{p.relative_to(ROOT)}"
        for p in _sources("api", "scheduler")
        for _ in regex.finditer(p.read_text())
    ]


def test_publish_is_written_once() -> None:
    assert _definitions(r"^def publish\(") == ["api/rosters/publication.py"]


def test_solves_run_through_one_process_pool() -> None:
    assert _definitions(r"ProcessPoolExecutor\(") == ["api/solves/execution.py"]


def test_celery_sits_behind_the_one_solve_execution() -> None:
    """Only the celery backend and its worker know Celery; every caller holds a
    ``SolveExecution`` from ``execution_for``, and a solve is submitted one way."""
    knows_celery = sorted(
        {
            f"{p.relative_to(ROOT)}"
            for p in _sources("api", "scheduler")
            for module, _names in _imports(p)
            if module.split(".")[0] in {"celery", "kombu"}
        }
    )
    assert knows_celery == ["api/solves/celery_execution.py"]
    assert _definitions(r"\.send_task\(|\.apply_async\(") == ["api/solves/celery_execution.py"]


def test_rosters_are_compared_one_way() -> None:
    assert _definitions(r"\broster_changes\(") == ["api/rosters/solver_shifts.py"]
    assert _definitions(r"^def by_agent\(") == ["api/rosters/comparison.py"]


def test_published_rosters_are_queried_only_in_repositories() -> None:
    places = set(_definitions(r"Roster\.version\.is_not\(None\)"))
    assert places and all(p.endswith("/repository.py") for p in places), places
