"""What ``homeshore solve`` shows while it searches: live on a terminal, lines in a log.

On a terminal one panel (objective, bound, gap, elapsed seconds) is redrawn in place, and
the elapsed time keeps ticking between improvements. When stdout is a file or a pipe each
improving roster is one plain line, as before, so logs and tests read the same.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.live import Live
from rich.table import Table

if TYPE_CHECKING:
    from solver.result import ProgressCallback, ProgressPoint


def relative_gap(point: ProgressPoint) -> float | None:
    """The gap as the solve summary computes it: (objective - bound) / objective."""
    if point.bound is None:
        return None
    return (point.objective - point.bound) / point.objective if point.objective else 0.0


def progress_line(point: ProgressPoint) -> str:
    line = f"  {point.seconds:7.2f} s  objective {point.objective:14,.2f}"
    gap = relative_gap(point)
    if point.bound is not None and gap is not None:
        line += f"  bound {point.bound:14,.2f}  gap {100 * gap:6.2f} %"
    return line


class LivePanel:
    """The latest improvement and the time since the solve started, drawn on each refresh."""

    def __init__(self, time_limit_seconds: float) -> None:
        self.started = time.monotonic()
        self.time_limit_seconds = time_limit_seconds
        self.latest: ProgressPoint | None = None
        self.improvements = 0

    def update(self, point: ProgressPoint) -> None:
        self.latest = point
        self.improvements += 1

    def __rich__(self) -> Table:
        elapsed = time.monotonic() - self.started
        table = Table(title="solving", title_justify="left", min_width=60)
        for column in ("objective", "bound", "gap", "elapsed", "rosters found"):
            table.add_column(column, justify="right")
        point = self.latest
        gap = relative_gap(point) if point is not None else None
        table.add_row(
            "searching" if point is None else f"{point.objective:,.2f}",
            "" if point is None or point.bound is None else f"{point.bound:,.2f}",
            "" if gap is None else f"{100 * gap:.2f} %",
            f"{elapsed:.1f} / {self.time_limit_seconds:g} s",
            str(self.improvements),
        )
        return table


@contextmanager
def solve_progress(
    console: Console, quiet: bool, time_limit_seconds: float
) -> Iterator[ProgressCallback]:
    """A progress callback for the solver, and the display it feeds while the block runs."""
    if quiet:
        yield lambda _point: None
        return
    if not console.is_terminal:
        yield lambda point: print(progress_line(point), flush=True)
        return
    panel = LivePanel(time_limit_seconds)
    with Live(panel, console=console, refresh_per_second=4, transient=False):
        yield panel.update
