"""Solver-process targets that fail the way real solves can: raise, die, or hang.

Module-level so the spawned solver process can import them by name.
"""

from __future__ import annotations

import os
import signal
import time
from typing import Any


def raise_in_worker(run_id: int, problem_json: str, settings_json: str) -> Any:
    raise RuntimeError(f"solver blew up on purpose in run {run_id}")


def die_in_worker(run_id: int, problem_json: str, settings_json: str) -> Any:
    os.kill(os.getpid(), signal.SIGKILL)


def hang_in_worker(run_id: int, problem_json: str, settings_json: str) -> Any:
    time.sleep(120)
