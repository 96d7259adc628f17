"""The hard rules of the CP-SAT model, as a table of contents.

Each rule that links an agent's shifts lives in its own module of ``solver.rules`` with
its other forms (LP rows, DP limits, the greedy check); single-shift rules are built into
the candidates. Locked shifts are the givens other rules may conflict with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from solver.rules import (
    consecutive_days,
    daily_minutes,
    daily_rest,
    shifts_per_day,
    weekly_hours,
    weekly_rest,
    working_days,
)

if TYPE_CHECKING:
    from solver.model.builder import ShiftModel


def locked_shifts(built: ShiftModel, explain: frozenset[int]) -> None:
    """Shifts a planner locked appear unchanged: the givens that other rules conflict with."""
    for index, cand in enumerate(built.inputs.candidates):
        if cand.locked:
            built.model.add(built.chosen[index] == 1)


HARD_RULES: list[Callable[[ShiftModel, frozenset[int]], None]] = [
    locked_shifts,
    shifts_per_day.add_constraints,
    daily_rest.add_constraints,
    working_days.add_constraints,
    weekly_hours.add_constraints,
    daily_minutes.add_constraints,
    weekly_rest.add_constraints,
    consecutive_days.add_constraints,
]
