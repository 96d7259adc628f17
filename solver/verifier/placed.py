"""Roster shifts placed on the verifier's clock: integer instants, site day, worked time.

Converting every shift once up front keeps the rule checks simple integer comparisons and
makes each figure (worked time, day) computed in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from solver.roster import Roster
from solver.verifier.clock import SiteClock, epoch
from solver.verifier.intervals import Interval, gaps, merged


@dataclass(frozen=True)
class PlacedActivity:
    start: int
    end: int
    queue: str


@dataclass(frozen=True)
class PlacedShift:
    """One roster shift in epoch seconds; ``index`` is its position in ``roster.shifts``."""

    index: int
    agent_id: str
    start: int
    end: int
    breaks: tuple[Interval, ...]
    activities: tuple[PlacedActivity, ...]
    day: int

    @cached_property
    def rest_spans(self) -> list[Interval]:
        """Breaks clipped to the shift and merged: the time not worked."""
        return merged((max(s, self.start), min(e, self.end)) for s, e in self.breaks)

    @cached_property
    def work_spans(self) -> list[Interval]:
        """Stretches of work: the shift span minus its breaks."""
        return gaps((self.start, self.end), self.rest_spans)

    @cached_property
    def worked(self) -> int:
        """Worked seconds: span minus breaks (what contracts, caps and cost count)."""
        return sum(e - s for s, e in self.work_spans)

    @property
    def span(self) -> int:
        return self.end - self.start


def place_shifts(roster: Roster, clock: SiteClock) -> list[PlacedShift]:
    """Every roster shift on the clock, in roster order."""
    placed = []
    for index, shift in enumerate(roster.shifts):
        start = epoch(shift.start)
        placed.append(
            PlacedShift(
                index=index,
                agent_id=shift.agent_id,
                start=start,
                end=epoch(shift.end),
                breaks=tuple(sorted((epoch(b.start), epoch(b.end)) for b in shift.breaks)),
                activities=tuple(
                    sorted(
                        (
                            PlacedActivity(epoch(a.start), epoch(a.end), a.queue)
                            for a in shift.activities
                        ),
                        key=lambda a: (a.start, a.end),
                    )
                ),
                day=clock.day_of(start),
            )
        )
    return placed
