"""The best split of working agents over the queues they may serve, slot by slot.

Given who works, each slot is a small transportation problem: groups of interchangeable
agents (same eligible queues) supply head-counts, queues ask for their requirement, and a
missing agent costs its queue's weight (unmet demand times priority); agents above the
requirement cost the same wherever they sit. Serving queue units in decreasing weight,
each one if an augmenting path can still reach it, is optimal: the sets of queue units
that can be served together form a transversal matroid, on which the greedy order is
exact. Each slot has only a handful of groups and queues, so augmenting by breadth-first
search with bottleneck capacities is fast.
"""

from __future__ import annotations

from collections import defaultdict, deque

import numpy as np

from solver.model.inputs import ModelInputs


def split_over_queues(
    inputs: ModelInputs, chosen: list[int]
) -> tuple[np.ndarray, dict[tuple[int, int, int], int]]:
    """Agents served per (queue, slot), and the flows (group, queue, slot) -> agents."""
    n_queues, n_slots = len(inputs.queues), inputs.grid.count
    group_of_agent = {a: g for g, group in enumerate(inputs.groups) for a in group.agents}
    heads = np.zeros((len(inputs.groups), n_slots), dtype=np.int64)
    for index in chosen:
        cand = inputs.candidates[index]
        g = group_of_agent[cand.agent]
        for slot in cand.worked():
            heads[g, slot] += 1
    required = np.array(inputs.required, dtype=np.int64).reshape(n_queues, n_slots)
    weight = [q.priority for q in inputs.queues]
    order = sorted(range(n_queues), key=lambda q: -weight[q])
    queues_of = [inputs.groups[g].queues for g in range(len(inputs.groups))]
    served = np.zeros((n_queues, n_slots), dtype=np.int64)
    flows: dict[tuple[int, int, int], int] = {}
    for slot in map(int, np.flatnonzero(heads.sum(axis=0))):
        supply = {int(g): int(heads[g, slot]) for g in np.flatnonzero(heads[:, slot])}
        need = [int(required[q, slot]) for q in range(n_queues)]
        flow = split_slot(supply, need, order, queues_of)
        for (g, q), value in flow.items():
            served[q, slot] += value
            if len(queues_of[g]) > 1:
                flows[(g, q, slot)] = value
    return served, flows


def split_slot(
    supply: dict[int, int],
    need: list[int],
    order: list[int],
    queues_of: list[tuple[int, ...]],
) -> dict[tuple[int, int], int]:
    """Agents of group g on queue q for one slot: ``supply[g]`` agents, ``need[q]`` asked,
    queues served in ``order`` (heaviest first); every agent is placed on some queue."""
    flow: dict[tuple[int, int], int] = defaultdict(int)
    spare = dict(supply)
    for target in order:
        while need[target] > 0:
            pushed = _augment(target, need[target], spare, flow, queues_of)
            if pushed == 0:
                break
            need[target] -= pushed
    for g, left in spare.items():  # above every requirement: any queue the group serves
        if left:
            flow[(g, queues_of[g][0])] += left
    return {key: value for key, value in flow.items() if value}


def _augment(
    target: int,
    wanted: int,
    spare: dict[int, int],
    flow: dict[tuple[int, int], int],
    queues_of: list[tuple[int, ...]],
) -> int:
    """Push up to ``wanted`` more agents to ``target`` along one shortest path.

    A path starts at a group with agents to spare and may pass through queues whose
    agents move on to another queue, so no queue already served loses an agent.
    """
    parent: dict[tuple[str, int], tuple[str, int] | None] = {}
    frontier: deque[tuple[str, int]] = deque()
    for g, left in spare.items():
        if left > 0:
            parent[("g", g)] = None
            frontier.append(("g", g))
    end: tuple[str, int] | None = None
    while frontier and end is None:
        kind, node = frontier.popleft()
        if kind == "g":
            for q in queues_of[node]:
                if ("q", q) in parent:
                    continue
                parent[("q", q)] = (kind, node)
                if q == target:
                    end = ("q", q)
                    break
                frontier.append(("q", q))
        else:
            for (g, q), value in flow.items():
                if q == node and value > 0 and ("g", g) not in parent:
                    parent[("g", g)] = (kind, node)
                    frontier.append(("g", g))
    if end is None:
        return 0
    path = [end]
    while (step := parent[path[-1]]) is not None:
        path.append(step)
    path.reverse()  # group, queue, group, queue, ..., target
    amount = min(wanted, spare[path[0][1]])
    for k in range(2, len(path), 2):  # group path[k] leaves queue path[k - 1]
        amount = min(amount, flow[(path[k][1], path[k - 1][1])])
    spare[path[0][1]] -= amount
    for k in range(0, len(path), 2):
        flow[(path[k][1], path[k + 1][1])] += amount
        if k:
            flow[(path[k][1], path[k - 1][1])] -= amount
    return amount
