"""Rules of one shift, checked on locked shifts the candidate generator did not propose.

Generated candidates obey these rules by construction; a locked shift comes from a
planner and may not, in which case the solve is infeasible for a reason we can name.
"""

from __future__ import annotations

from solver.candidates import Candidate
from solver.model.inputs import ModelInputs
from solver.rules.daily_minutes import daily_cap_minutes
from solver.rules.daily_rest import first_slot_after


def lock_conflicts(inputs: ModelInputs) -> list[tuple[int, str, str]]:
    """(agent index, rule, detail) for each single-shift rule a locked shift breaks."""
    found = [(agent, "locked_shift", reason) for agent, reason in inputs.locked_errors]
    for cand in inputs.candidates:
        if cand.locked and not cand.frozen:
            found += [(cand.agent, rule, detail) for rule, detail in _shift_faults(inputs, cand)]
    return found


def _shift_faults(inputs: ModelInputs, cand: Candidate) -> list[tuple[str, str]]:
    rules = inputs.problem.rules
    minutes = inputs.problem.horizon.slot_minutes
    faults = []
    slots = range(cand.start, cand.end)
    if not all(inputs.grid.is_open[s] for s in slots):
        faults.append(("site_closed", "locked shift runs while the site is closed"))
    rested = first_slot_after(inputs.problem, inputs.history.get(cand.agent, []))
    if cand.start < rested:
        faults.append(
            ("min_rest", "locked shift starts too soon after the shift before the horizon")
        )
    if not all(inputs.slots[cand.agent].available[s] for s in slots if s >= rested):
        faults.append(("availability", "locked shift lies outside the agent's availability"))
    span = (cand.end - cand.start) * minutes
    if not rules.min_shift_minutes <= span <= rules.max_shift_minutes:
        faults.append(
            (
                "shift_length",
                f"locked shift spans {span} min, outside "
                f"{rules.min_shift_minutes}-{rules.max_shift_minutes} min",
            )
        )
    if cand.break_start >= 0:
        stretches = [cand.break_start - cand.start, cand.end - cand.break_end]
        if (cand.break_end - cand.break_start) * minutes < rules.min_break_minutes:
            faults.append(("break_too_short", "locked shift's break is too short"))
    else:
        stretches = [cand.end - cand.start]
    if max(stretches) * minutes > rules.max_continuous_work_minutes:
        faults.append(("continuous_work", "locked shift works too long without a break"))
    agent = inputs.agents[cand.agent]
    if cand.worked_slots * minutes > int(daily_cap_minutes(agent, rules)):
        faults.append(("max_minutes_per_day", "locked shift exceeds the daily hour cap"))
    return faults
