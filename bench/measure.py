"""Run one measurement in a fresh process, so that its peak memory is its own.

A solve's peak resident memory (``ru_maxrss``) only means something per process: in the
parent it would be the largest of every run so far. Each call spawns one worker process
(``spawn``: nothing inherited from the parent's heap), runs the function there and adds the
child's peak, in MB, to the figures it returns.
"""

from __future__ import annotations

import multiprocessing
import resource
import traceback
from collections.abc import Callable, Sequence
from typing import Any


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class MeasurementFailed(RuntimeError):
    """The measured function raised; the message holds the child's traceback."""


def _with_peak(function: Callable[..., dict[str, Any]], args: tuple[Any, ...]) -> dict[str, Any]:
    try:
        figures = function(*args)
    except Exception as exc:
        # Not every exception survives pickling back to the parent (one that needs more
        # arguments than its message hangs the pool): send its traceback as text.
        raise MeasurementFailed(traceback.format_exc()) from exc
    return {**figures, "peak_mb": peak_mb()}


def isolated(function: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """``function(*args)`` in a spawned process, with ``peak_mb`` of that process added.

    ``function`` must be importable by name (a module-level function) and return a
    picklable dict.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(1, maxtasksperchild=1) as pool:
        result: dict[str, Any] = pool.apply(_with_peak, (function, args))
    return result


def gap_at(progress: Sequence[tuple[float, float, float | None]], seconds: float) -> float | None:
    """Relative gap of the best solution found by ``seconds`` against the best bound proven
    by then; None while either is missing. ``progress`` holds (seconds, objective, bound)."""
    seen = [p for p in progress if p[0] <= seconds]
    bounds = [p[2] for p in seen if p[2] is not None]
    if not seen or not bounds:
        return None
    objective, bound = min(p[1] for p in seen), max(bounds)
    return max(0.0, (objective - bound) / objective) if objective else 0.0
