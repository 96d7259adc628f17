"""Judge a roster by the service it will deliver, not only by head-count.

For each open slot and queue: the agents the roster puts on the queue (an agent counts on
queue q in slot s when one of their activities on q covers the whole slot and none of their
breaks overlaps it), less the planned shrinkage, give the expected service level and average
speed of answer under the plan's queue model (Erlang C, or Erlang A with a patience). Weekly
figures weight each slot by its forecast contacts, because a missed target at 10:00 on a
Monday hurts more callers than one at 19:30 on a Saturday.

Under Erlang C a slot with no more agents than its offered load has no steady state: its
service level counts as 0 and its ASA as unbounded (reported as None).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime

import numpy as np

from solver.roster import Roster
from solver.staffing.erlang_a import erlang_a_metrics
from solver.staffing.erlang_c import IntArray, mean_wait_seconds, service_level
from solver.staffing.requirements import StaffingPlan, StaffingPolicy, effective_agents
from solver.timegrid import SlotGrid


@dataclass(frozen=True)
class SlotService:
    """Expected service on one queue in one slot."""

    queue: str
    slot: int
    start: datetime
    contacts: float
    staffed: int
    on_phones: int
    service_level: float
    asa_seconds: float | None
    prob_abandon: float | None


@dataclass(frozen=True)
class WeekService:
    """Volume-weighted service of one queue (or all queues, ``queue`` None) over a week.

    ``asa_seconds`` weights the slots that have a steady state; ``unstable_slots`` counts
    the others (fewer agents than offered load under Erlang C), whose wait is unbounded.
    """

    queue: str | None
    week: int
    contacts: float
    service_level: float | None
    asa_seconds: float | None
    slots_below_target: int
    unstable_slots: int


@dataclass(frozen=True)
class ServiceReport:
    target_service_level: float | None
    answer_seconds: float
    slots: list[SlotService]
    weeks: list[WeekService]

    def as_dict(self) -> dict[str, object]:
        return {
            "target_service_level": self.target_service_level,
            "answer_seconds": self.answer_seconds,
            "weeks": [asdict(w) for w in self.weeks],
            "slots": [{**asdict(s), "start": s.start.isoformat()} for s in self.slots],
        }

    def summary_lines(self) -> list[str]:
        """One line per week and queue, for a terminal."""
        lines = []
        for w in self.weeks:
            name = w.queue or "all queues"
            level = "n/a" if w.service_level is None else f"{w.service_level:.1%}"
            asa = "unbounded" if w.asa_seconds is None else f"{w.asa_seconds:.0f} s"
            if w.unstable_slots and w.asa_seconds is not None:
                asa += f" (+{w.unstable_slots} overloaded slot(s))"
            lines.append(
                f"week {w.week + 1} {name:<14} SL {level:>6} in {self.answer_seconds:g} s, "
                f"ASA {asa}, {w.contacts:.0f} contacts, "
                f"{w.slots_below_target} slot(s) below target"
            )
        return lines


def staffed_agents(roster: Roster, grid: SlotGrid, queues: list[str]) -> dict[str, IntArray]:
    """Agents on each queue in each slot of the grid."""
    covered: set[tuple[str, str, int]] = set()
    for shift in roster.shifts:
        on_break: set[int] = set()
        for pause in shift.breaks:
            start = math.floor((pause.start - grid.start) / grid.slot)
            end = math.ceil((pause.end - grid.start) / grid.slot)
            on_break.update(range(max(start, 0), min(end, grid.count)))
        for activity in shift.activities:
            if activity.queue not in queues:
                continue
            for slot in grid.slots_inside(activity.start, activity.end):
                if slot not in on_break:
                    covered.add((shift.agent_id, activity.queue, slot))
    counts = {queue: np.zeros(grid.count, dtype=np.int64) for queue in queues}
    for _, queue, slot in covered:
        counts[queue][slot] += 1
    return counts


def judge_roster(roster: Roster, plan: StaffingPlan) -> ServiceReport:
    """Expected service per slot and queue, and per week weighted by forecast volume."""
    forecast, policy = plan.forecast, plan.policy
    grid = SlotGrid(forecast.horizon)
    is_open = np.array(grid.is_open, dtype=bool)
    queues = [q.queue for q in forecast.queues]
    staffed = staffed_agents(roster, grid, queues)
    slot_seconds = forecast.horizon.slot_minutes * 60.0
    slots: list[SlotService] = []
    for queue in forecast.queues:
        contacts = np.asarray(queue.contacts, dtype=float)
        aht = np.asarray(queue.aht_seconds, dtype=float)
        load = contacts * aht / slot_seconds
        agents = effective_agents(staffed[queue.queue], policy.shrinkage)
        levels, asas, abandons = _service(agents, load, aht, plan)
        for i in np.flatnonzero(is_open & (contacts > 0)):
            local = grid.slot_start(int(i)).astimezone(grid.site_zone).replace(tzinfo=None)
            slots.append(
                SlotService(
                    queue=queue.queue,
                    slot=int(i),
                    start=local,
                    contacts=float(contacts[i]),
                    staffed=int(staffed[queue.queue][i]),
                    on_phones=int(agents[i]),
                    service_level=float(levels[i]),
                    asa_seconds=float(asas[i]) if math.isfinite(asas[i]) else None,
                    prob_abandon=None if abandons is None else float(abandons[i]),
                )
            )
    weeks = _weekly(slots, grid, queues, policy)
    return ServiceReport(policy.service_level, policy.answer_seconds, slots, weeks)


def _service(
    agents: IntArray, load: np.ndarray, aht: np.ndarray, plan: StaffingPlan
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    policy = plan.policy
    safe_aht = np.where(aht > 0, aht, 1.0)
    if policy.patience_seconds is None:
        levels = service_level(agents, load, safe_aht, policy.answer_seconds)
        asas = np.where(load > 0, mean_wait_seconds(agents, load, safe_aht), 0.0)
        return levels, asas, None
    levels = np.ones(load.size)
    asas = np.zeros(load.size)
    abandons = np.zeros(load.size)
    for i in np.flatnonzero(load > 0):
        m = erlang_a_metrics(
            int(agents[i]),
            float(load[i]),
            float(safe_aht[i]),
            policy.patience_seconds,
            policy.answer_seconds,
        )
        levels[i], asas[i], abandons[i] = m.service_level, m.asa_seconds, m.prob_abandon or 0.0
    return levels, asas, abandons


def _weekly(
    slots: list[SlotService], grid: SlotGrid, queues: list[str], policy: StaffingPolicy
) -> list[WeekService]:
    result = []
    for week in range(grid.week_count):
        in_week = [s for s in slots if grid.week_of_day(grid.day_of_slot[s.slot]) == week]
        for queue in [*queues, None]:
            chosen = [s for s in in_week if queue is None or s.queue == queue]
            result.append(_summarise(queue, week, chosen, policy))
    return result


def _misses_target(slot: SlotService, policy: StaffingPolicy) -> bool:
    if policy.service_level is not None and slot.service_level < policy.service_level:
        return True
    if policy.max_asa_seconds is not None:
        return slot.asa_seconds is None or slot.asa_seconds > policy.max_asa_seconds
    return False


def _summarise(
    queue: str | None, week: int, slots: list[SlotService], policy: StaffingPolicy
) -> WeekService:
    volume = math.fsum(s.contacts for s in slots)
    unstable = sum(1 for s in slots if s.asa_seconds is None)
    level = math.fsum(s.contacts * s.service_level for s in slots) / volume if volume else None
    stable = [s for s in slots if s.asa_seconds is not None]
    stable_volume = math.fsum(s.contacts for s in stable)
    asa = None
    if stable_volume:
        asa = math.fsum(s.contacts * (s.asa_seconds or 0.0) for s in stable) / stable_volume
    below = sum(1 for s in slots if _misses_target(s, policy))
    return WeekService(queue, week, volume, level, asa, below, unstable)
