"""Hard rules that link an agent's shifts; single-shift rules live in the candidates.

Each rule is one function ``rule(model, explain_agents)``. For agents in
``explain_agents`` the rule's constraints are enforced only if an assumption literal holds,
which is how an infeasible problem names its conflicting agent and rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from solver.model.builder import ShiftModel


def _enforce(
    built: ShiftModel,
    constraint: cp_model.Constraint,
    agent: int,
    rule: str,
    explain_agents: frozenset[int],
) -> None:
    if agent not in explain_agents:
        return
    key = (agent, rule)
    literal = built.rule_literals.get(key)
    if literal is None:
        literal = built.model.new_bool_var(f"rule_{rule}_a{agent}")
        built.rule_literals[key] = literal
    constraint.only_enforce_if(literal)


def _by_agent_day(built: ShiftModel) -> dict[tuple[int, int], list[int]]:
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, cand in enumerate(built.inputs.candidates):
        groups[(cand.agent, cand.day)].append(index)
    return groups


def locked_shifts(built: ShiftModel, explain: frozenset[int]) -> None:
    """Shifts a planner locked appear unchanged: the givens that other rules conflict with."""
    for index, cand in enumerate(built.inputs.candidates):
        if cand.locked:
            built.model.add(built.chosen[index] == 1)


def shifts_per_day(built: ShiftModel, explain: frozenset[int]) -> None:
    """At most ``max_shifts_per_day`` shifts a day, never overlapping, with a gap between."""
    rules = built.inputs.problem.rules
    gap = -(-rules.min_gap_same_day_minutes // built.inputs.problem.horizon.slot_minutes)
    for (agent, _day), members in _by_agent_day(built).items():
        cands = built.inputs.candidates
        if rules.max_shifts_per_day == 1:
            ct = built.model.add_at_most_one(built.chosen[i] for i in members)
            _enforce(built, ct, agent, "max_shifts_per_day", explain)
            continue
        ct = built.model.add(sum(built.chosen[i] for i in members) <= rules.max_shifts_per_day)
        _enforce(built, ct, agent, "max_shifts_per_day", explain)
        slots = sorted({s for i in members for s in range(cands[i].start, cands[i].end + gap)})
        for slot in slots:
            clique = [i for i in members if cands[i].start <= slot < cands[i].end + gap]
            if len(clique) > 1:
                ct = built.model.add_at_most_one(built.chosen[i] for i in clique)
                _enforce(built, ct, agent, "same_day_gap", explain)


def daily_rest(built: ShiftModel, explain: frozenset[int]) -> None:
    """``min_rest_minutes`` between shifts of different days.

    For each end time ``e`` on one day, a shift ending at or after ``e`` excludes every
    later-day shift starting before ``e + rest``: one clique per distinct end time.
    """
    inputs = built.inputs
    rest = -(-inputs.problem.rules.min_rest_minutes // inputs.problem.horizon.slot_minutes)
    if rest == 0:
        return
    per_day = _by_agent_day(built)
    cands = inputs.candidates
    single = inputs.problem.rules.max_shifts_per_day == 1
    for (agent, day), members in per_day.items():
        later = [i for d in (day + 1, day + 2) for i in per_day.get((agent, d), [])]
        if not later:
            continue
        for end in sorted({cands[i].end for i in members}):
            second = [i for i in later if cands[i].start < end + rest]
            if not second:
                continue
            if single:
                # One shift a day: the shifts ending at or after ``end`` exclude each other
                # already, and so do the later-day ones, so a single clique is exact.
                first = [i for i in members if cands[i].end >= end]
                ct = built.model.add_at_most_one(built.chosen[i] for i in first + second)
                _enforce(built, ct, agent, "min_rest", explain)
                continue
            for i in members:
                if cands[i].end == end:
                    ct = built.model.add(sum(built.chosen[j] for j in second) == 0)
                    ct.only_enforce_if(built.chosen[i])
                    if agent in explain:
                        _enforce(built, ct, agent, "min_rest", explain)


def working_days_and_hours(built: ShiftModel, explain: frozenset[int]) -> None:
    """Per 7-day week: working days, and worked hours within contract and aid cap."""
    inputs = built.inputs
    rules = inputs.problem.rules
    per_day = _by_agent_day(built)
    cands = inputs.candidates
    for agent_index, agent in enumerate(inputs.agents):
        for week in range(inputs.grid.week_count):
            days = range(7 * week, min(7 * week + 7, inputs.problem.horizon.days))
            worked = []
            day_flags = []
            for day in days:
                members = per_day.get((agent_index, day), [])
                if not members:
                    continue
                worked += [(built.chosen[i], cands[i].worked_slots) for i in members]
                if rules.max_shifts_per_day == 1:
                    day_flags.append(sum(built.chosen[i] for i in members))
                else:
                    flag = built.model.new_bool_var(f"works_a{agent_index}_d{day}")
                    for i in members:
                        built.model.add_implication(built.chosen[i], flag)
                    day_flags.append(flag)
            if not worked:
                continue
            if len(day_flags) > rules.max_working_days_per_week:
                ct = built.model.add(sum(day_flags) <= rules.max_working_days_per_week)
                _enforce(built, ct, agent_index, "max_working_days_per_week", explain)
            limit = inputs.week_limit_slots(agent, week)
            if sum(w for _, w in worked) > limit:
                ct = built.model.add(sum(v * w for v, w in worked) <= limit)
                rule = "aid_cap_week" if agent.aid_cap else "contract_max_hours"
                _enforce(built, ct, agent_index, rule, explain)
            if rules.max_shifts_per_day > 1:
                _daily_minutes(built, agent_index, per_day, days, explain)


def _daily_minutes(
    built: ShiftModel,
    agent_index: int,
    per_day: dict[tuple[int, int], list[int]],
    days: range,
    explain: frozenset[int],
) -> None:
    """With several shifts a day, the daily caps bind on their sum."""
    inputs = built.inputs
    agent = inputs.agents[agent_index]
    cap = inputs.problem.rules.max_minutes_per_day
    if agent.aid_cap is not None and agent.aid_cap.max_hours_per_day is not None:
        cap = min(cap, int(agent.aid_cap.max_hours_per_day * 60))
    limit = cap // inputs.problem.horizon.slot_minutes
    for day in days:
        members = per_day.get((agent_index, day), [])
        if members:
            worked = sum(built.chosen[i] * inputs.candidates[i].worked_slots for i in members)
            ct = built.model.add(worked <= limit)
            _enforce(built, ct, agent_index, "max_minutes_per_day", explain)


HARD_RULES: list[Callable[[ShiftModel, frozenset[int]], None]] = [
    locked_shifts,
    shifts_per_day,
    daily_rest,
    working_days_and_hours,
]
