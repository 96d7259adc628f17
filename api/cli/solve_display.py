"""What ``homeshore solve`` shows while it searches: live on a terminal, lines in a log.

On a terminal one panel (objective, bound, gap, elapsed seconds) is redrawn in place, and
the elapsed time keeps ticking between improvements. When stdout is a file or a pipe each
improving roster is one plain line, as before, so logs and tests read the same.
Only improvements are shown (a better roster or a better proven bound): the solver's
callbacks can report a roster worse than one already shown, and the display drops it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.live import Live
from rich.table import Table

from api.reports import numbers
from api.reports.numbers import CLI_LOCALE

if TYPE_CHECKING:
    from solver.result import ProgressCallback, ProgressPoint


def relative_gap(point: ProgressPoint) -> float | None:
    """The gap as the solve summary computes it: (objective - bound) / objective."""
    if point.bound is None:
        return None
    return (point.objective - point.bound) / point.objective if point.objective else 0.0


def progress_line(point: ProgressPoint) -> str:
    line = f"  {numbers.seconds(point.seconds, CLI_LOCALE, 2):>9}  "
    line += f"objective {numbers.decimal(point.objective, CLI_LOCALE):>14}"
    gap = relative_gap(point)
    if point.bound is not None and gap is not None:
        line += f"  bound {numbers.decimal(point.bound, CLI_LOCALE):>14}"
        line += f"  gap {numbers.percent(gap, CLI_LOCALE, 2):>8}"
    else:
        line += "  no bound proven yet"
    return line


def improving_only(show: ProgressCallback) -> ProgressCallback:
    """``show`` called only when the roster or its proven bound improves on those shown.

    A point with a worse objective than one already shown is dropped, whatever its bound.
    """
    best_objective: list[float] = []
    best_bound: list[float] = []

    def maybe_show(point: ProgressPoint) -> None:
        if best_objective and point.objective > best_objective[0]:
            return
        better_roster = not best_objective or point.objective < best_objective[0]
        better_bound = point.bound is not None and (not best_bound or point.bound > best_bound[0])
        if not (better_roster or better_bound):
            return
        best_objective[:] = [point.objective]
        if point.bound is not None and better_bound:
            best_bound[:] = [point.bound]
        show(point)

    return maybe_show


def _decimal(value: float) -> str:
    return numbers.decimal(value, CLI_LOCALE)


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
            "searching" if point is None else numbers.decimal(point.objective, CLI_LOCALE),
            "none yet" if point is None or point.bound is None else _decimal(point.bound),
            "" if gap is None else numbers.percent(gap, CLI_LOCALE, 2),
            f"{numbers.decimal(elapsed, CLI_LOCALE, 1)} / {self.time_limit_seconds:g} s",
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
        yield improving_only(lambda point: print(progress_line(point), flush=True))
        return
    panel = LivePanel(time_limit_seconds)
    with Live(panel, console=console, refresh_per_second=4, transient=False):
        yield improving_only(panel.update)
