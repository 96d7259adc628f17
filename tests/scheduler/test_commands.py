"""``homeshore replan`` and ``homeshore worker`` as a planner and an operator run them."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from api.cli.main import main
from api.db.database import Database
from tests.scheduler.seed import seed_published

HOMESHORE = Path(sys.executable).parent / "homeshore"


def test_replan_command_prints_the_draft_and_the_changes(
    live: tuple[str, Database], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url, database = live
    seeded = seed_published(database)
    monkeypatch.setenv("HOMESHORE_DATABASE_URL", url)
    monkeypatch.setenv("HOMESHORE_ENVIRONMENT", "test")
    assert main(["replan", str(seeded.period_id), "--time-limit", "10"]) == 0
    out = capsys.readouterr().out
    assert f"period {seeded.period_id}: drafted" in out
    assert "draft roster" in out
    assert main(["replan", "999", "--time-limit", "10"]) == 2
    assert "period 999" in capsys.readouterr().err
    assert main(["replan", str(seeded.period_id), "--time-limit", "0"]) == 2


class Worker:
    """A ``homeshore worker`` process (or another ``command``) whose output lines are
    collected by a thread."""

    def __init__(
        self, name: str, env: dict[str, str], command: tuple[str, ...] | None = None
    ) -> None:
        self.name = name
        command = command or ("worker", "--name", name, "--beat", "0.5")
        self.process = subprocess.Popen(
            [str(HOMESHORE), *command],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(text in line for line in self.seen):
                return True
            try:
                self.seen.append(self.lines.get(timeout=0.1))
            except queue.Empty:
                continue
        return any(text in line for line in self.seen)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


@pytest.mark.slow
def test_two_worker_processes_one_scheduler_and_a_clean_hand_over(
    live: tuple[str, Database],
) -> None:
    url, _database = live
    env = {
        **os.environ,
        "HOMESHORE_DATABASE_URL": url,
        "HOMESHORE_ENVIRONMENT": "test",
        "HOMESHORE_SCHEDULER_LEASE_SECONDS": "3",
    }
    first = Worker("first", env)
    second = None
    try:
        assert first.wait_for("first holds the scheduler lock"), first.seen
        second = Worker("second", env)
        assert second.wait_for("worker second started"), second.seen
        assert not second.wait_for("second holds", seconds=2), "only one scheduler runs"
        assert first.stop() == 0
        assert first.wait_for("worker first stopped")
        assert second.wait_for("second holds the scheduler lock"), second.seen
    finally:
        first.stop()
        if second is not None:
            assert second.stop() == 0
