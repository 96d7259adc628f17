"""Candidate shifts: every shift an agent could legally work on one day, alone.

The model chooses among candidates instead of switching slots on and off. Each candidate
already obeys every rule that concerns one shift (availability, opening hours, length,
break placement, daily caps), so those rules cost the solver nothing; rules that link
shifts (rest, weekly hours, working days) are constraints in ``solver.model``.

Spans are ``min_shift`` plus multiples of ``shift_length_step_minutes``, plus the whole
available block when it fits, starting on any slot. A shift longer than the longest
continuous stretch of work gets one break, placed near its middle as WFM tools do.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from solver.problem import Absence, Agent, Problem, Rules, ShiftRef, TimeWindow
from solver.rules.daily_minutes import shift_cap_minutes
from solver.timegrid import SlotGrid, local_to_utc

BREAK_POSITIONS_PER_SPAN = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible shift: slots ``[start, end)`` minus the break ``[break_start, break_end)``."""

    agent: int
    day: int
    start: int
    end: int
    break_start: int = -1
    break_end: int = -1
    locked: bool = False
    frozen: bool = False  # a previous shift already started when re-planning: history

    @property
    def worked_slots(self) -> int:
        return self.end - self.start - (self.break_end - self.break_start)

    def works(self, slot: int) -> bool:
        return self.start <= slot < self.end and not (self.break_start <= slot < self.break_end)

    def worked(self) -> Iterator[int]:
        for slot in range(self.start, self.end):
            if not self.break_start <= slot < self.break_end:
                yield slot


@dataclass(frozen=True)
class AgentSlots:
    """Per-slot facts about one agent that the candidates and the model share."""

    available: list[bool]
    preferred: list[bool] | None


def windows_to_slots(windows: list[TimeWindow], zone: ZoneInfo, grid: SlotGrid) -> list[bool]:
    """Slots wholly inside one of the windows, given in the owner's local time."""
    mask = [False] * grid.count
    for window in windows:
        span = grid.slots_inside(local_to_utc(window.start, zone), local_to_utc(window.end, zone))
        for slot in span:
            mask[slot] = True
    return mask


def agent_slots(
    agent: Agent, grid: SlotGrid, absences: Sequence[Absence] = (), earliest: int = 0
) -> AgentSlots:
    """Slots the agent can work: in a window, site open, not absent, not before ``earliest``."""
    zone = ZoneInfo(agent.time_zone)
    available = windows_to_slots(agent.availability, zone, grid)
    available = [a and o for a, o in zip(available, grid.is_open, strict=True)]
    cut = max(0, min(earliest, grid.count))  # nothing before ``earliest``
    available[:cut] = [False] * cut
    for absence in absences:
        first = math.floor((absence.start - grid.start) / grid.slot)
        last = math.ceil((absence.end - grid.start) / grid.slot)
        for slot in range(max(first, 0), min(last, grid.count)):
            available[slot] = False
    preferred = windows_to_slots(agent.preferred, zone, grid) if agent.preferred else None
    return AgentSlots(available, preferred)


def _blocks(available: list[bool], day_slots: range) -> Iterator[tuple[int, int]]:
    """Maximal runs ``[start, end)`` of available slots inside one day."""
    start = None
    for slot in day_slots:
        if available[slot] and start is None:
            start = slot
        elif not available[slot] and start is not None:
            yield start, slot
            start = None
    if start is not None:
        yield start, day_slots.stop


@dataclass(frozen=True)
class SpanShape:
    """A shift shape in slots: its length and where its break may go."""

    length: int
    break_offsets: tuple[int, ...]  # offset of the break from the shift start; () = no break
    break_length: int
    worked: int


def span_shapes(rules: Rules, slot_minutes: int, daily_cap_minutes: float) -> list[SpanShape]:
    """Every span length and break placement the rules allow for one shift."""
    return list(_span_shapes(rules, slot_minutes, daily_cap_minutes))


@lru_cache(maxsize=256)
def _span_shapes(
    rules: Rules, slot_minutes: int, daily_cap_minutes: float
) -> tuple[SpanShape, ...]:
    """``span_shapes`` once per (rules, slot, cap): the agents of a site share a handful of
    daily caps, and working the shapes out again per agent was a sixth of building the
    candidates at 3,000 agents (``Rules`` is frozen, so it is a key)."""
    min_len = rules.min_shift_minutes // slot_minutes
    max_len = rules.max_shift_minutes // slot_minutes
    max_stretch = rules.max_continuous_work_minutes // slot_minutes
    break_len = math.ceil(rules.min_break_minutes / slot_minutes)
    cap_slots = math.floor(daily_cap_minutes / slot_minutes + 1e-9)
    shapes = []
    for length in range(min_len, max_len + 1):
        if length <= max_stretch:
            shape = SpanShape(length, (), 0, length)
        else:
            worked = length - break_len
            offsets = [
                first
                for first in range(1, worked)
                if first <= max_stretch and worked - first <= max_stretch
            ]
            middle = worked / 2
            offsets.sort(key=lambda o: (abs(o - middle), o))
            if not offsets:
                continue
            shape = SpanShape(
                length, tuple(sorted(offsets[:BREAK_POSITIONS_PER_SPAN])), break_len, worked
            )
        if shape.worked <= cap_slots:
            shapes.append(shape)
    return tuple(shapes)


def agent_candidates(
    index: int, agent: Agent, slots: AgentSlots, problem: Problem, grid: SlotGrid
) -> list[Candidate]:
    """All single-shift candidates of one agent over the horizon."""
    rules = problem.rules
    minutes = problem.horizon.slot_minutes
    min_len = rules.min_shift_minutes // minutes
    step = max(1, rules.shift_length_step_minutes // minutes)
    shapes = span_shapes(rules, minutes, shift_cap_minutes(agent, problem))
    result: list[Candidate] = []
    add = result.append  # hundreds of thousands of candidates at scale: no generator per one
    for day, day_slots in enumerate(grid.slots_of_day):
        for block_start, block_end in _blocks(slots.available, day_slots):
            width = block_end - block_start
            for shape in shapes:
                on_step = (shape.length - min_len) % step == 0
                if shape.length > width or not (on_step or shape.length == width):
                    continue
                length, pause = shape.length, shape.break_length
                for start in range(block_start, block_end - length + 1):
                    end = start + length
                    if not shape.break_offsets:
                        add(Candidate(index, day, start, end))
                    for offset in shape.break_offsets:
                        at = start + offset
                        add(Candidate(index, day, start, end, at, at + pause))
    return result


def locked_candidate(
    index: int, shift: ShiftRef, grid: SlotGrid
) -> tuple[Candidate | None, str | None]:
    """The candidate a locked shift stands for, or why it cannot be one."""
    start, end = grid.slot_at(shift.start), grid.slot_at(shift.end)
    if end is None and shift.end == grid.end:
        end = grid.count
    if start is None or end is None:
        return None, "shift does not start and end on the slot grid of the horizon"
    if len(shift.breaks) > 1:
        return None, "the model supports at most one break per shift"
    break_start = break_end = -1
    if shift.breaks:
        window = shift.breaks[0]
        bs, be = grid.slot_at(window.start), grid.slot_at(window.end)
        if bs is None or be is None:
            return None, "break does not start and end on the slot grid"
        break_start, break_end = bs, be
    return Candidate(index, grid.day_of_slot[start], start, end, break_start, break_end, True), None
