"""The greedy roster: a fast complete roster, the first answer and CP-SAT's first hint.

Agents are taken one at a time, cheapest first; each repeatedly takes the shift that most
lowers the objective given what earlier agents already cover, as long as that shift may
join the agent's others (``solver.rules.may_join``). Scores come from per-slot gains
summed with prefix sums, so the whole construction is linear in the number of candidates;
the join check runs only on the candidate that comes out on top (``_best_joining``).
A roster from the LP's values (``round_lp``) is built the same way, in decreasing value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from solver.candidates import Candidate
from solver.model.inputs import SCALE, SHORTFALL_UNITS_PER_SLOT, ModelInputs
from solver.queue_split import split_over_queues
from solver.rules import may_join


@dataclass
class GreedyRoster:
    """A roster as chosen candidate indices, agents served per queue and slot, and flows."""

    chosen: list[int]  # candidate indices
    served: np.ndarray  # [queue, slot] agents assigned
    flows: dict[tuple[int, int, int], int]


def construct(inputs: ModelInputs) -> GreedyRoster:
    """The greedy roster of ``inputs``: locked and kept shifts first, then cheapest agents."""
    weights = inputs.problem.weights
    n_slots = inputs.grid.count
    residual = np.array(inputs.required, dtype=np.int64).reshape(len(inputs.queues), n_slots)
    unmet_points = np.array(
        [inputs.hourly_points(weights.unmet_demand * q.priority) for q in inputs.queues]
    )
    over_points = inputs.hourly_points(weights.overstaffing)
    short_points = inputs.hourly_points(weights.unmet_contract_minimum)
    pref_points = inputs.hourly_points(weights.missed_preference)
    chosen: list[int] = []
    kept = _kept_shifts(inputs)
    for agent_index, indices in kept.items():
        for index in indices:
            chosen.append(index)
            queues = list(inputs.eligible[agent_index])
            for slot in inputs.candidates[index].worked():
                queue = max(queues, key=lambda q: residual[q, slot])
                residual[queue, slot] -= 1
    change_points = round(weights.changed_shift * SCALE) if inputs.previous_days else 0
    change_slot_points = inputs.hourly_points(weights.changed_hour) if inputs.previous_days else 0
    order = sorted(range(len(inputs.agents)), key=lambda a: inputs.agents[a].hourly_cost)
    for agent_index in order:
        members = inputs.candidates_of_agent[agent_index]
        if not members:
            continue
        agent = inputs.agents[agent_index]
        queues = list(inputs.eligible[agent_index])
        cands = [inputs.candidates[i] for i in members]
        starts = np.array([c.start for c in cands])
        ends = np.array([c.end for c in cands])
        b_starts = np.array([max(c.break_start, 0) for c in cands])
        b_ends = np.array([max(c.break_end, 0) for c in cands])
        worked = np.array([c.worked_slots for c in cands])
        misses = inputs.preference_misses_of(agent_index, starts, ends, b_starts, b_ends)
        static = worked * inputs.slot_cost_points(agent) + pref_points * misses
        static += change_points + change_slot_points * worked  # a new shift is a change
        taken = [inputs.candidates[i] for i in kept.get(agent_index, [])]
        minimum = {
            w: inputs.week_minimum_units(agent, w) // SHORTFALL_UNITS_PER_SLOT
            for w in range(inputs.grid.week_count)
        }
        for cand in taken:
            minimum[inputs.grid.week_of_day(cand.day)] -= cand.worked_slots
        # Not known to break a rule yet: checked only when a candidate comes out on top.
        alive = np.array([c not in taken for c in cands])
        weeks = [inputs.grid.week_of_day(c.day) for c in cands]
        while alive.any():
            gain_by_queue = np.where(residual[queues] > 0, unmet_points[queues, None], -over_points)
            best_queue = np.argmax(gain_by_queue, axis=0)
            gain = np.concatenate(([0], np.cumsum(gain_by_queue.max(axis=0))))
            score = gain[ends] - gain[starts] - (gain[b_ends] - gain[b_starts])
            remaining = np.array([minimum[w] for w in weeks])
            score += np.minimum(worked, np.maximum(remaining, 0)) * short_points - static
            pick = _best_joining(inputs, cands, taken, score, alive)
            if pick is None:
                break
            cand = cands[pick]
            taken.append(cand)
            chosen.append(members[pick])
            minimum[inputs.grid.week_of_day(cand.day)] -= cand.worked_slots
            for slot in cand.worked():
                queue = queues[int(best_queue[slot])]
                residual[queue, slot] -= 1
    # The residual above only steers the scores; the queue split is made exactly at the end.
    served, flows = split_over_queues(inputs, chosen)
    return GreedyRoster(chosen, served, flows)


def _best_joining(
    inputs: ModelInputs,
    cands: list[Candidate],
    taken: list[Candidate],
    score: np.ndarray,
    alive: np.ndarray,
) -> int | None:
    """The best-scoring candidate with a positive score that may join ``taken``, if any.

    Ties go to the lowest position, as ``np.argmax`` gives them. Taking a shift only
    removes options (every linking rule's ``may_join`` is monotone in ``taken``), so a
    candidate found unable to join is dead for good (``alive`` is cleared in place) and
    one never checked needs checking only when it comes out on top: the pick is the one
    re-checking every open candidate after each pick would give, for a small fraction
    of the checks (they were two thirds of the construction's time at 1,000 agents).
    """
    open_ = np.flatnonzero(alive)
    # Best first; a stable sort keeps equal scores in position order, as argmax would.
    for pick in open_[np.argsort(-score[open_], kind="stable")].tolist():
        if score[pick] <= 0:
            return None
        if may_join(inputs, cands[pick], taken):
            return int(pick)
        alive[pick] = False
    return None


def _kept_shifts(inputs: ModelInputs) -> dict[int, list[int]]:
    """Locked shifts, then the previous roster's shifts that still fit, per agent.

    A re-plan starts from the published roster: only what must change is changed.
    """
    taken: dict[int, list[int]] = defaultdict(list)
    previous = inputs.previous_candidates
    ordered = sorted(
        (i for i, c in enumerate(inputs.candidates) if c.locked or (previous and c in previous)),
        key=lambda i: not inputs.candidates[i].locked,
    )
    for index in ordered:
        cand = inputs.candidates[index]
        mine = [inputs.candidates[i] for i in taken[cand.agent]]
        if cand.locked or may_join(inputs, cand, mine):
            taken[cand.agent].append(index)
    return dict(taken)


def round_lp(inputs: ModelInputs, values: np.ndarray, threshold: float = 0.3) -> GreedyRoster:
    """Take shifts in decreasing LP value while they keep every hard rule."""
    taken: dict[int, list[Candidate]] = defaultdict(list)
    chosen: list[int] = []
    for index in np.argsort(-values, kind="stable"):
        if values[index] < threshold:
            break
        cand = inputs.candidates[int(index)]
        if may_join(inputs, cand, taken[cand.agent]):
            taken[cand.agent].append(cand)
            chosen.append(int(index))
    served, flows = split_over_queues(inputs, chosen)
    return GreedyRoster(chosen, served, flows)
