"""A solver process that dies fails its run, and the next solve still runs."""

from __future__ import annotations

import time

import httpx
import psutil
import pytest

from api.db.database import Database
from tests.api.conftest import mint
from tests.api.story import offer, set_up_small_site, wait_for_run


def _solver_processes() -> list[psutil.Process]:
    return [
        child
        for child in psutil.Process().children(recursive=True)
        if "spawn_main" in " ".join(child.cmdline())
    ]


@pytest.mark.slow
def test_a_killed_solver_fails_its_run_and_the_pool_recovers(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager = httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {mint(database, 'manager')}"}
    )
    period_id = set_up_small_site(manager)
    agent = httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {mint(database, 'agent', 'a1')}"}
    )
    offer(agent, period_id, "a1", "08:00", "14:00")
    quick = {"time_limit_seconds": 10, "num_workers": 1}
    wait_for_run(
        manager, manager.post(f"/api/v1/periods/{period_id}/solves", json=quick).json()["id"]
    )
    workers = _solver_processes()
    assert workers, "the first solve started a solver process"

    doomed = manager.post(f"/api/v1/periods/{period_id}/solves", json=quick).json()["id"]
    for worker in workers:
        worker.kill()
    failed = wait_for_run(manager, doomed)
    if failed["status"] == "finished":
        pytest.skip("the solve finished before its process could be killed")
    assert failed["status"] == "failed"
    assert failed["error"]

    time.sleep(0.2)
    again = wait_for_run(
        manager, manager.post(f"/api/v1/periods/{period_id}/solves", json=quick).json()["id"]
    )
    assert again["status"] == "finished", again
    assert again["roster_id"] is not None
