"""Warnings a planner should read beside the roster: demand no agent can ever cover.

Demand is soft, so a queue no agent may serve (the skill nobody holds, or an onshore
clause naming countries where no agent lives) still gets a roster: its demand stays unmet.
The objective alone would hide why; the warning names the queue and the agent-hours lost.
"""

from __future__ import annotations

from solver.model.inputs import ModelInputs


def unservable_queue_warnings(inputs: ModelInputs) -> list[str]:
    """One sentence per queue with demand that no agent is skilled and located for."""
    served = {q for queues in inputs.eligible for q in queues}
    warnings = []
    for q, queue in enumerate(inputs.queues):
        slots = sum(inputs.required[q])
        if q in served or slots == 0:
            continue
        where = f" in {', '.join(queue.countries)}" if queue.countries else ""
        warnings.append(
            f"queue {queue.id!r}: no agent may serve it (skill {queue.skill!r}{where}); "
            f"its demand of {slots * inputs.slot_hours:g} agent-hours stays unmet"
        )
    return warnings
