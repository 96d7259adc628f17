"""Weekly rest: every full 7-day block overlaps a stretch of at least
``min_weekly_rest_minutes`` without work (35 h: 24 h weekly rest plus the 11 h daily rest,
Code du travail L3132-2).

Stretches off work lie between shift spans (a break is not rest). Time before the horizon
counts as rest (``previous_shifts`` aside), time after its end does not: the next period is
not known here, and it will see this one's shifts as the shifts before its own start. A
final block shorter than 7 days is not checked. Verifier reading:
``solver.verifier.agent_checks`` (``min_weekly_rest``).

A stretch that overlaps a block and is long enough holds a window of exactly that length
which starts either at the end of some shift or ``rest - 1`` slots before the block, and
which still overlaps the block; so the CP-SAT form asks one such window, from a finite
list, to be free of work. The LP rows and the week-plan DP leave the rule out (both stay
relaxations, so the bounds built on them stay valid); plans the DP returns are checked
with ``may_join`` (daily rest and consecutive days are in the DP).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from solver.rules.explain import enforce

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.builder import ShiftModel
    from solver.model.inputs import ModelInputs


def rest_slots(inputs: ModelInputs) -> int:
    """The weekly rest in whole slots, rounded up (slots are equal real time)."""
    return -(-inputs.problem.rules.min_weekly_rest_minutes // inputs.problem.horizon.slot_minutes)


def full_blocks(inputs: ModelInputs) -> list[tuple[int, int]]:
    """``[first slot, end slot)`` of each full 7-day block: the blocks the rule checks
    (numbered as in this list, which are the weeks since only a last one can be short)."""
    grid = inputs.grid
    days = grid.slots_of_day
    return [
        (days[7 * week].start, days[7 * week + 6].stop)
        for week in range(grid.week_count)
        if grid.days_in_week(week) == 7
    ]


def blocks_with_rest(inputs: ModelInputs, spans: list[tuple[int, int]]) -> list[bool]:
    """For each full block, whether the worked ``spans`` (slots) leave it its rest."""
    rest = rest_slots(inputs)
    offs: list[tuple[float, float]] = []
    edge: float = -math.inf
    for start, end in sorted(spans):
        if start > edge:
            offs.append((edge, start))
        edge = max(edge, end)
    offs.append((edge, inputs.grid.count))
    long_offs = [(a, b) for a, b in offs if b - a >= rest]
    return [any(a < high and b > low for a, b in long_offs) for low, high in full_blocks(inputs)]


def history_spans(inputs: ModelInputs, agent: int) -> list[tuple[int, int]]:
    """The agent's shifts worked before the horizon, as slot spans."""
    return [(w.start, w.end) for w in inputs.history.get(agent, [])]


def unsafe_blocks(inputs: ModelInputs, agent: int) -> list[int]:
    """Full blocks whose rest some choice of the agent's candidates could take away.

    A block is safe when it keeps its rest even if every slot a candidate of the agent
    may work were worked (the agent is unavailable long enough, or rested before the
    horizon): most blocks of most agents, which keeps the greedy check cheap.
    """
    if inputs.problem.rules.min_weekly_rest_minutes == 0:
        return []
    workable = np.array(inputs.slots[agent].available, dtype=bool)
    for index in inputs.candidates_of_agent[agent]:
        cand = inputs.candidates[index]
        if cand.locked:
            workable[cand.start : cand.end] = True
    edges = np.flatnonzero(np.diff(np.concatenate(([0], workable.astype(np.int8), [0]))))
    spans = history_spans(inputs, agent)
    spans += [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    safe = blocks_with_rest(inputs, spans)
    return [week for week, ok in enumerate(safe) if not ok]


def may_join(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    """Greedy: with the candidate, every full block still has its rest (adding a shift
    only shortens stretches off work, so this is exact for a growing set)."""
    unsafe = inputs.weekly_rest_unsafe[cand.agent]
    if not unsafe:
        return True
    spans = history_spans(inputs, cand.agent)
    spans += [(t.start, t.end) for t in taken] + [(cand.start, cand.end)]
    rested = blocks_with_rest(inputs, spans)
    return all(rested[week] for week in unsafe)


def add_constraints(built: ShiftModel, explain: frozenset[int]) -> None:
    """CP-SAT: per agent and full block, one of the candidate windows is free of work.

    Blocks no choice can rob of their rest are left out; a window no candidate touches
    makes its block safe too; windows touched by the same candidates are one. A window
    that a shift before the horizon touches is never free.
    """
    inputs = built.inputs
    rest = rest_slots(inputs)
    blocks = full_blocks(inputs)
    if rest == 0 or not blocks:
        return
    horizon_end = inputs.grid.count
    for agent, members in enumerate(inputs.candidates_of_agent):
        unsafe = inputs.weekly_rest_unsafe[agent]
        if not members or not unsafe:
            continue
        starts = np.array([inputs.candidates[i].start for i in members])
        ends = np.array([inputs.candidates[i].end for i in members])
        history = history_spans(inputs, agent)
        for week in unsafe:
            low, high = blocks[week]
            anchors = {low - rest + 1} | {e for _, e in history}
            anchors |= {int(e) for e in ends}
            windows: dict[bytes, list[int]] = {}
            for anchor in sorted(a for a in anchors if low - rest < a < high):
                if anchor + rest > horizon_end or any(
                    s < anchor + rest and e > anchor for s, e in history
                ):
                    continue  # not rest: past the horizon's end, or worked before it
                touched = (starts < anchor + rest) & (ends > anchor)
                if not touched.any():
                    windows.clear()
                    break
                windows.setdefault(touched.tobytes(), [members[k] for k in np.flatnonzero(touched)])
            else:
                literals = []
                for index, touching in enumerate(windows.values()):
                    free = built.model.new_bool_var(f"weekly_rest_a{agent}_w{week}_{index}")
                    built.model.add(sum(built.chosen[i] for i in touching) == 0).only_enforce_if(
                        free
                    )
                    literals.append(free)
                ct = built.model.add_bool_or(literals)
                enforce(built, ct, agent, "min_weekly_rest", explain)
