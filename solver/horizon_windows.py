"""Windows that reach past the horizon's edge: the part inside is kept, the rest dropped.

An agent offers hours in her own days, which seldom line up with the site's: a Casablanca
agent's Sunday evening runs past the site's Sunday midnight in the week Paris moves to
summer time. The part of her window inside the horizon is real availability, so it is
kept; the rest is dropped and said so (``SolveResult.warnings``, the API's notes), never
refused. The model does the clipping itself (``SlotGrid.slots_inside``); this module says
what was clipped, and is the one place the API asks whether a window is outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from solver.local_time import NonexistentLocalTime, to_local, to_utc
from solver.problem import Problem, TimeWindow
from solver.timegrid import SlotGrid


@dataclass(frozen=True)
class WindowPlacement:
    """A window in absolute time against the horizon ``[first, last)``; all instants UTC."""

    start: datetime
    end: datetime
    first: datetime
    last: datetime

    @property
    def outside(self) -> bool:
        """Nothing of the window lies inside the horizon."""
        return self.end <= self.first or self.start >= self.last

    @property
    def clipped(self) -> bool:
        """Part of the window, not all of it, lies inside the horizon."""
        return not self.outside and (self.start < self.first or self.end > self.last)

    @property
    def kept(self) -> tuple[datetime, datetime]:
        """The part inside the horizon (empty, start == end, when outside)."""
        start, end = max(self.start, self.first), min(self.end, self.last)
        return (start, max(start, end))


def place_window(window: TimeWindow, zone: ZoneInfo, grid: SlotGrid) -> WindowPlacement:
    """Where a local window falls; raises ``NonexistentLocalTime`` for a skipped time."""
    return WindowPlacement(
        to_utc(window.start, zone), to_utc(window.end, zone), grid.start, grid.end
    )


def kept_local(placement: WindowPlacement, zone: ZoneInfo) -> TimeWindow | None:
    """The kept part as naive local times of ``zone``, never larger than the kept part.

    None when nothing is kept, or when what is kept lies in the second pass of a repeated
    hour, which naive local times cannot name.
    """
    start, end = placement.kept
    local_start, local_end = to_local(start, zone, later=True), to_local(end, zone, later=False)
    if local_end <= local_start:
        return None
    return TimeWindow(start=local_start, end=local_end)


def horizon_local(grid: SlotGrid, zone: ZoneInfo) -> TimeWindow:
    """The horizon as naive local times of ``zone`` (to tell an agent where it lies)."""
    start, end = grid.start, grid.end
    return TimeWindow(start=to_local(start, zone, later=True), end=to_local(end, zone, later=False))


def describe(window: TimeWindow) -> str:
    """``2027-03-28 14:00-23:30``, with the end's date too when it falls on another day."""
    start, end = window.start, window.end
    tail = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d %H:%M}-{tail}"


def clipping_note(
    window: TimeWindow, placement: WindowPlacement, zone: ZoneInfo, edge: str = "horizon"
) -> str:
    """One sentence for the owner of a window not wholly inside the horizon (``edge``)."""
    written = f"window {describe(window)} ({zone.key})"
    if placement.outside:
        return f"{written} lies wholly outside the {edge}; dropped"
    side = "start" if placement.start < placement.first else "end"
    if placement.start < placement.first and placement.end > placement.last:
        side = "start and end"
    kept = kept_local(placement, zone)
    if kept is None:
        return (
            f"{written} runs past the {edge} {side}; what is left lies in the repeated hour, "
            "which a local time cannot name; dropped"
        )
    return f"{written} runs past the {edge} {side}; {describe(kept)} is kept, the rest dropped"


def clipping_warnings(problem: Problem) -> list[str]:
    """A warning for every agent window not wholly inside the horizon, in problem order.

    Windows with a skipped local time are left to validation, which refuses them.
    """
    grid = SlotGrid(problem.horizon)
    warnings = []
    for a, agent in enumerate(problem.agents):
        zone = ZoneInfo(agent.time_zone)
        for kind in ("availability", "preferred"):
            windows: list[TimeWindow] = getattr(agent, kind)
            for w, window in enumerate(windows):
                try:
                    placement = place_window(window, zone, grid)
                except NonexistentLocalTime:
                    continue
                if placement.outside or placement.clipped:
                    note = clipping_note(window, placement, zone)
                    warnings.append(f"agent {agent.id}: agents[{a}].{kind}[{w}]: {note}")
    return warnings
