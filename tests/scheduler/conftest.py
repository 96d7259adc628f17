"""Fixtures of the job tests: a fresh committed database per test (jobs open their own
sessions and solver processes), test settings, and one real solver process pool shared by
the tests that solve (spawning one costs about a second)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.db.database import Database
from api.settings import Settings
from scheduler.solve_executor import SolveExecutor
from tests.api.databases import fresh_database


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    with fresh_database(tmp_path) as (url, engine):
        yield url, Database(engine)


@pytest.fixture
def database(live: tuple[str, Database]) -> Database:
    return live[1]


@pytest.fixture
def job_settings() -> Settings:
    return Settings(
        environment="test",
        database_url="sqlite://",
        replan_time_limit_seconds=10,
        replan_grace_seconds=30,
        replan_debounce_seconds=60,
        replan_max_delay_seconds=300,
        replan_retry_seconds=600,
        publish_cutoff_hours=48,
        scheduler_lease_seconds=30,
    )


@pytest.fixture(scope="session")
def executor() -> Iterator[SolveExecutor]:
    pool = SolveExecutor(processes=1)
    yield pool
    pool.shutdown()
