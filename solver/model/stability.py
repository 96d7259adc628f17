"""Re-planning: stay close to the previous roster.

Two named terms, both zero without a previous roster:
- ``changed_shifts``: agent-days whose shift differs from the previous one (a shift added,
  removed or moved), at ``weights.changed_shift`` each;
- ``changed_hours``: hours of work added or removed, slot by slot, at ``weights.changed_hour``.
With one shift a day both are linear in the shift choices: a day that had shift *p* changes
unless *p* is chosen again; a day that had none changes if any shift is chosen.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from solver.model.inputs import SCALE

if TYPE_CHECKING:
    from solver.model.builder import ShiftModel


def add_change_terms(built: ShiftModel) -> None:
    inputs = built.inputs
    for name in ("changed_shifts", "changed_hours"):
        built.terms.setdefault(name, [])
    if not inputs.problem.previous_roster:
        return
    weights = inputs.problem.weights
    shift_points = round(weights.changed_shift * SCALE)
    slot_points = inputs.hourly_points(weights.changed_hour)
    index_of = {cand: i for i, cand in enumerate(inputs.candidates)}
    by_day: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, cand in enumerate(inputs.candidates):
        by_day[(cand.agent, cand.day)].append(i)
    for key in set(by_day) | inputs.previous_days:
        previous = inputs.previous.get(key)
        if previous is not None:
            built.add_constant("changed_shifts", shift_points)
            built.add_term("changed_shifts", built.chosen[index_of[previous]], -shift_points)
        elif key in inputs.previous_days:
            built.add_constant("changed_shifts", shift_points)  # that shift cannot stay
        else:
            for i in by_day[key]:
                built.add_term("changed_shifts", built.chosen[i], shift_points)
    for slots in inputs.previous_slots.values():
        built.add_constant("changed_hours", slot_points * len(slots))
    for i, cand in enumerate(inputs.candidates):
        before = inputs.previous_slots.get(cand.agent, set())
        kept = sum(1 for slot in cand.worked() if slot in before)
        built.add_term(
            "changed_hours", built.chosen[i], slot_points * (cand.worked_slots - 2 * kept)
        )
