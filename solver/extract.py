"""Turn chosen candidates and queue flows back into a roster of shifts and activities.

The model only says how many agents of each group serve each queue in a slot. Here each
working agent gets a queue per slot, keeping the queue they served in the slot before
whenever the counts allow, so that activities are long and agents switch queues rarely.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from solver.candidates import Candidate
from solver.model.inputs import ModelInputs
from solver.roster import Activity, Roster, Shift, Span


def assign_queues(
    inputs: ModelInputs, chosen: list[Candidate], flows: dict[tuple[int, int, int], int]
) -> dict[tuple[int, int], int]:
    """Queue index for each (agent, worked slot)."""
    group_of_agent = {a: g for g, group in enumerate(inputs.groups) for a in group.agents}
    working: dict[tuple[int, int], list[int]] = defaultdict(list)
    for cand in chosen:
        for slot in cand.worked():
            working[(group_of_agent[cand.agent], slot)].append(cand.agent)
    assignment: dict[tuple[int, int], int] = {}
    for (group, slot), agents in sorted(working.items(), key=lambda item: item[0][1]):
        queues = inputs.groups[group].queues
        quota = {q: flows.get((group, q, slot), 0) for q in queues}
        spare = len(agents) - sum(quota.values())
        if spare > 0:  # a group with a single queue has no flow variables: all serve it
            quota[queues[0]] += spare
        waiting = []
        for agent in sorted(agents):
            previous = assignment.get((agent, slot - 1))
            if previous is not None and quota.get(previous, 0) > 0:
                assignment[(agent, slot)] = previous
                quota[previous] -= 1
            else:
                waiting.append(agent)
        for agent in waiting:
            queue = next(q for q in queues if quota[q] > 0)
            assignment[(agent, slot)] = queue
            quota[queue] -= 1
    return assignment


def _runs(
    slots: list[int], agent: int, assignment: dict[tuple[int, int], int]
) -> list[tuple[int, int, int]]:
    """Maximal runs (first slot, last slot, queue) of consecutive slots on one queue."""
    runs: list[tuple[int, int, int]] = []
    for slot in slots:
        queue = assignment[(agent, slot)]
        if runs and runs[-1][1] == slot - 1 and runs[-1][2] == queue:
            runs[-1] = (runs[-1][0], slot, queue)
        else:
            runs.append((slot, slot, queue))
    return runs


def build_roster(
    inputs: ModelInputs, chosen: list[Candidate], flows: dict[tuple[int, int, int], int]
) -> Roster:
    grid = inputs.grid
    assignment = assign_queues(inputs, chosen, flows)

    def at(slot: int) -> datetime:
        return grid.slot_start(slot)

    shifts = []
    for cand in sorted(chosen, key=lambda c: (c.agent, c.start)):
        activities = [
            Activity(start=at(first), end=at(last + 1), queue=inputs.queues[queue].id)
            for first, last, queue in _runs(list(cand.worked()), cand.agent, assignment)
        ]
        breaks = (
            [Span(start=at(cand.break_start), end=at(cand.break_end))]
            if cand.break_start >= 0
            else []
        )
        shifts.append(
            Shift(
                agent_id=inputs.agents[cand.agent].id,
                start=at(cand.start),
                end=at(cand.end),
                breaks=breaks,
                activities=activities,
            )
        )
    return Roster(problem_name=inputs.problem.name, shifts=shifts)
