"""One day of the week-plan DP (``solver.agent_week``): its layer, its step, its backtrack.

A *layer* is a day's candidates with their rest levels (``solver.rules.daily_rest``) as
indices into the levels that can actually enter and leave that day; most days of most
agents have level 0 alone and take the plain "cheapest of each length" step. A *step* is
one cumulative minimum over the levels and one shifted minimum per candidate kept; its
backtrack recomputes which choice reached a state instead of storing choice arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from solver.agent_week import AgentShifts
    from solver.rules.daily_rest import WeekPlanRest

_FREE = np.zeros(1, dtype=np.int64)  # the levels entering a day rest cannot bind: 0 alone


@dataclass(frozen=True)
class DayLayer:
    """One day of the week-plan DP, in indices of the levels entering and leaving it."""

    positions: np.ndarray  # the day's candidates (positions in ``AgentShifts``)
    admits: np.ndarray  # per candidate: the highest level entering the day it may follow
    leaves: np.ndarray  # per candidate: the level it leaves entering the next day
    off: np.ndarray | None  # per level entering: where a day off leaves it; None if locked
    levels_in: int
    levels_out: int


def day_layers(
    day_of: np.ndarray, rest: WeekPlanRest, days: int, forced: dict[int, int]
) -> list[DayLayer]:
    """The layer of each of ``days`` days for one agent's candidates (``day_of``: each
    candidate's day; ``forced``: day -> position of a locked shift)."""
    by_day = np.argsort(day_of, kind="stable")
    on_day = np.split(by_day, np.searchsorted(day_of[by_day], np.arange(1, days)))
    binding = np.zeros(days + 1, dtype=bool)  # days with a shift that leaves a level
    binding[day_of[rest.leaves > 0]] = True
    zeros = np.zeros(max((p.size for p in on_day), default=0) + 1, dtype=np.int64)
    entering = _FREE
    layers = []
    for day, positions in enumerate(on_day):
        locked = day in forced
        if locked:
            positions = np.array([forced[day]])
        if entering.size == 1 and not binding[day]:  # rest cannot bind: most days
            none = zeros[: positions.size]  # read only, shared
            layers.append(DayLayer(positions, none, none, None if locked else _FREE, 1, 1))
            continue
        leaves = rest.leaves[positions]
        carried = np.maximum(0, entering - rest.lifted[day])
        exits = np.unique(np.concatenate(([0], leaves, [] if locked else carried)))
        exits = exits.astype(np.int64)
        layers.append(
            DayLayer(
                positions=positions,
                admits=np.searchsorted(entering, rest.admits[positions], side="right") - 1,
                leaves=np.searchsorted(exits, leaves),
                off=None if locked else np.searchsorted(exits, carried),
                levels_in=entering.size,
                levels_out=exits.size,
            )
        )
        entering = exits
    return layers


@dataclass(frozen=True)
class Step:
    """One day of one DP run: what it kept, and the values entering and leaving it, over
    (run, level, days worked, slots worked); the run axis has length 1 when untracked."""

    layer: DayLayer
    kept: list[tuple[int, int, int, int]]  # (position, admits, leaves, worked length)
    cost: np.ndarray
    before: np.ndarray
    after: np.ndarray

    def came_from(self, run: int, level: int, n_days: int, n_slots: int) -> tuple[int, int, int]:
        """(the candidate chosen, or -1 for a day off; the run and the level entering the
        day) of an optimal way into state (``run``, ``level``, ``n_days``, ``n_slots``).

        Recomputed from the values rather than stored: the forward step then needs no
        choice arrays, and the same floating-point sums give the state's value exactly
        (the closest is taken all the same).
        """
        reached = float(self.after[run, level, n_days, n_slots])
        before = self.before
        tracked = before.shape[0] > 1
        best = (math.inf, -1, 0, 0)  # (miss, candidate, run entering, level entering)
        if self.layer.off is not None and run == 0:  # a day off ends every run
            for entry, lands in enumerate(self.layer.off.tolist()):
                if lands == level:
                    runs = before[:, entry, n_days, n_slots]
                    was = int(np.argmin(runs))
                    miss = abs(float(runs[was]) - reached)
                    if miss < best[0]:
                        best = (miss, -1, was, entry)
        was = run - 1 if tracked else 0
        if n_days > 0 and was >= 0:
            for k, admits, leaves, length in self.kept:
                if leaves != level or length > n_slots or best[0] == 0.0:
                    continue
                column = before[was, : admits + 1, n_days - 1, n_slots - length]
                entry = int(np.argmin(column)) if admits else 0
                miss = abs(float(column[entry]) + float(self.cost[k]) - reached)
                if miss < best[0]:
                    best = (miss, k, was, entry)
        return best[1], best[2], best[3]


def day_step(
    value: np.ndarray, layer: DayLayer, kept: list[tuple[int, int, int, int]], cost: np.ndarray
) -> np.ndarray:
    """One day of the DP: the values entering the next day.

    A candidate may follow every level up to its own ``admits``: one cumulative minimum
    over the levels, then one shifted minimum per candidate kept, which also lengthens
    the run of days worked by one where runs are tracked (a day off sets it to 0).
    """
    runs, levels, slots = value.shape[0], value.shape[1], value.shape[3]
    after = np.full((runs, layer.levels_out, *value.shape[2:]), np.inf)
    if layer.off is not None:  # a day off, allowed unless a shift is locked on the day
        rested = value.min(axis=0) if runs > 1 else value[0]
        if levels == 1 and layer.levels_out == 1:
            after[0, 0] = rested[0]
        elif layer.levels_out == 1:
            after[0, 0] = rested.min(axis=0)
        else:
            np.minimum.at(after[0], layer.off, rested)
    reachable = np.minimum.accumulate(value, axis=1) if levels > 1 else value
    came, goes = (slice(0, runs - 1), slice(1, runs)) if runs > 1 else (slice(0, 1), slice(0, 1))
    for k, admits, leaves, length in kept:
        target = after[goes, leaves, 1:, length:]
        moved = reachable[came, admits, :-1, : slots - length] + cost[k]
        np.minimum(target, moved, out=target)
    return after


def kept_candidates(
    layer: DayLayer, shifts: AgentShifts, cost: np.ndarray, limit: int
) -> list[tuple[int, int, int, int]]:
    """(position, admits, leaves, worked length) of the day's candidates worth a step.

    A candidate is dropped when another of the same length costs no more, may follow
    every level it may, and leaves no higher level: the cheapest of each length when
    rest cannot bind on the day, a few more where it can.
    """
    fits = shifts.worked[layer.positions] <= limit
    positions, admits, leaves = layer.positions[fits], layer.admits[fits], layer.leaves[fits]
    if positions.size == 0:
        return []
    lengths = shifts.worked[positions]
    own = cost[positions]
    if layer.levels_in == 1 and layer.levels_out == 1:  # the cheapest of each length
        order = np.lexsort((own, lengths))
        ordered = lengths[order]
        first = order[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
    else:
        order = np.lexsort((own, leaves, admits, lengths))
        key = np.stack((lengths[order], admits[order], leaves[order]))
        first = order[np.concatenate(([True], (key[:, 1:] != key[:, :-1]).any(axis=0)))]
        length, up, down, price = lengths[first], admits[first], leaves[first], own[first]
        beaten = (
            (length[None, :] == length[:, None])
            & (up[None, :] >= up[:, None])
            & (down[None, :] <= down[:, None])
            & (price[None, :] <= price[:, None])
        )
        np.fill_diagonal(beaten, False)
        first = first[~beaten.any(axis=1)]
    return list(
        zip(
            positions[first].tolist(),
            admits[first].tolist(),
            leaves[first].tolist(),
            lengths[first].tolist(),
            strict=True,
        )
    )
