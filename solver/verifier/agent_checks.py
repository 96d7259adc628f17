"""Hard rules across one agent's shifts: overlaps, rest, daily and weekly limits, locks.

Days are site days (the site-local date a shift starts on) and weeks are 7-day blocks from
the first planned day; weekly hour limits shrink to ``days / 7`` for a final partial block.
Hours are worked hours (span minus breaks).
"""

from __future__ import annotations

import math
from collections import defaultdict

from solver.problem import Agent, Problem
from solver.verifier.clock import SiteClock, epoch, hm
from solver.verifier.intervals import Interval
from solver.verifier.placed import PlacedShift
from solver.verifier.report import Violation

TOLERANCE_SECONDS = 1e-6


class AgentChecker:
    """Checks the rules that need all of an agent's shifts at once."""

    def __init__(self, problem: Problem, clock: SiteClock) -> None:
        self.rules = problem.rules
        self.clock = clock

    def _at(self, rule: str, agent: Agent, moment: int, message: str) -> Violation:
        return Violation(rule=rule, agent_id=agent.id, at=self.clock.local(moment), message=message)

    def _span(self, shift: PlacedShift) -> str:
        start, end = self.clock.local(shift.start), self.clock.local(shift.end)
        return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"

    def check(
        self, agent: Agent, shifts: list[PlacedShift], before: list[Interval] | None = None
    ) -> list[Violation]:
        """Every cross-shift rule the agent's shifts (in start order) break; ``before``
        holds the spans of the shifts the agent worked before the horizon."""
        before = before or []
        return (
            self._rest_after(agent, shifts, before)
            + self._sequence(agent, shifts)
            + self._daily(agent, shifts)
            + self._weekly(agent, shifts)
            + self._consecutive(agent, shifts, before)
            + self._weekly_rest(agent, shifts, before)
        )

    def _rest_after(
        self, agent: Agent, shifts: list[PlacedShift], before: list[Interval]
    ) -> list[Violation]:
        """The daily rest between the last shift before the horizon and the first one."""
        if not before or not shifts:
            return []
        last = max(end for _, end in before)
        gap, least = shifts[0].start - last, self.rules.min_rest_minutes * 60
        if gap >= least:
            return []
        return [
            self._at(
                "min_rest",
                agent,
                shifts[0].start,
                f"rest after the shift worked before the horizon is {hm(gap)}, "
                f"less than {hm(least)}",
            )
        ]

    def _consecutive(
        self, agent: Agent, shifts: list[PlacedShift], before: list[Interval]
    ) -> list[Violation]:
        """Runs of site days with a shift, those before the horizon included, that reach
        into the horizon and are longer than ``max_consecutive_days``."""
        most = self.rules.max_consecutive_days
        days = {s.day for s in shifts} | {self.clock.day_of(start) for start, _ in before}
        found = []
        for first in sorted(d for d in days if d - 1 not in days):
            last = first
            while last + 1 in days:
                last += 1
            if last - first + 1 > most and last >= 0:
                over = max(first + most, 0)
                found.append(
                    self._at(
                        "max_consecutive_days",
                        agent,
                        self.clock.day_start(over),
                        f"works {last - first + 1} days in a row from "
                        f"{self.clock.date_of_day(first)}, more than {most}",
                    )
                )
        return found

    def _sequence(self, agent: Agent, shifts: list[PlacedShift]) -> list[Violation]:
        found = []
        latest: PlacedShift | None = None
        for shift in shifts:
            if latest is not None:
                found += self._between(agent, latest, shift)
            if latest is None or shift.end > latest.end:
                latest = shift
        return found

    def _between(self, agent: Agent, before: PlacedShift, after: PlacedShift) -> list[Violation]:
        gap = after.start - before.end
        if gap < 0:
            return [
                self._at(
                    "overlapping_shifts",
                    agent,
                    after.start,
                    f"shift {self._span(after)} overlaps shift {self._span(before)}",
                )
            ]
        if after.day == before.day:
            least = self.rules.min_gap_same_day_minutes * 60
            rule, what = "same_day_gap", "gap between shifts of one day"
        else:
            least = self.rules.min_rest_minutes * 60
            rule, what = "min_rest", "rest between shifts"
        if gap >= least:
            return []
        return [
            self._at(
                rule,
                agent,
                after.start,
                f"{what} is {hm(gap)} (after shift {self._span(before)}), less than {hm(least)}",
            )
        ]

    def _daily(self, agent: Agent, shifts: list[PlacedShift]) -> list[Violation]:
        by_day: dict[int, list[PlacedShift]] = defaultdict(list)
        for shift in shifts:
            by_day[shift.day].append(shift)
        found = []
        cap = agent.aid_cap.max_hours_per_day if agent.aid_cap else None
        most_shifts, most_worked = (
            self.rules.max_shifts_per_day,
            self.rules.max_minutes_per_day * 60,
        )
        for day, day_shifts in sorted(by_day.items()):
            at = self.clock.day_start(day)
            date = self.clock.date_of_day(day)
            if len(day_shifts) > most_shifts:
                found.append(
                    self._at(
                        "max_shifts_per_day",
                        agent,
                        at,
                        f"{len(day_shifts)} shifts on {date}, more than {most_shifts}",
                    )
                )
            worked = sum(s.worked for s in day_shifts)
            if worked > most_worked:
                found.append(
                    self._at(
                        "max_minutes_per_day",
                        agent,
                        at,
                        f"works {hm(worked)} on {date}, more than {hm(most_worked)}",
                    )
                )
            if cap is not None and worked > cap * 3600 + TOLERANCE_SECONDS:
                found.append(
                    self._at(
                        "aid_cap_day",
                        agent,
                        at,
                        f"works {hm(worked)} on {date}, above the aid cap of {cap:g} h a day",
                    )
                )
        return found

    def _weekly(self, agent: Agent, shifts: list[PlacedShift]) -> list[Violation]:
        by_week: dict[int, list[PlacedShift]] = defaultdict(list)
        for shift in shifts:
            by_week[self.clock.week_of(shift.day)].append(shift)
        found = []
        for week, week_shifts in sorted(by_week.items()):
            at = self.clock.week_start(week)
            share = self.clock.days_in_week(week) / 7
            label = f"week {week + 1}"
            most_days = self.rules.max_working_days_per_week
            days = len({s.day for s in week_shifts})
            if days > most_days:
                found.append(
                    self._at(
                        "max_working_days_per_week",
                        agent,
                        at,
                        f"works {days} days in {label}, more than {most_days}",
                    )
                )
            worked = sum(s.worked for s in week_shifts)
            limit = agent.contract.max_hours_per_week * share
            if worked > limit * 3600 + TOLERANCE_SECONDS:
                found.append(
                    self._at(
                        "contract_max_hours",
                        agent,
                        at,
                        f"works {hm(worked)} in {label}, above the contract maximum {limit:.2f} h",
                    )
                )
            if agent.aid_cap is not None:
                cap = agent.aid_cap.max_hours_per_week * share
                if worked > cap * 3600 + TOLERANCE_SECONDS:
                    found.append(
                        self._at(
                            "aid_cap_week",
                            agent,
                            at,
                            f"works {hm(worked)} in {label}, above the aid cap of {cap:.2f} h",
                        )
                    )
        return found

    def _weekly_rest(
        self, agent: Agent, shifts: list[PlacedShift], before: list[Interval]
    ) -> list[Violation]:
        """Every full 7-day block overlaps a stretch off work of ``min_weekly_rest_minutes``.

        Stretches off work lie between shift spans (a break is not rest); the one before
        the first shift reaches back without end (shifts before the horizon aside), the one
        after the last stops at the horizon's end (the next period is not known here).
        """
        least = self.rules.min_weekly_rest_minutes * 60
        if least == 0:
            return []
        spans = sorted([(s.start, s.end) for s in shifts] + list(before))
        offs: list[tuple[float, float]] = []
        edge: float = -math.inf
        for start, end in spans:
            if start > edge:
                offs.append((edge, start))
            edge = max(edge, end)
        if self.clock.end > edge:
            offs.append((edge, self.clock.end))
        long_offs = [(a, b) for a, b in offs if b - a >= least]
        found = []
        for week in range(self.clock.week_count):
            if self.clock.days_in_week(week) < 7:
                continue
            low, high = self.clock.week_start(week), self.clock.week_start(week + 1)
            if any(a < high and b > low for a, b in long_offs):
                continue
            longest = max((min(b, high) - max(a, low) for a, b in offs), default=0.0)
            found.append(
                self._at(
                    "min_weekly_rest",
                    agent,
                    low,
                    f"no rest of {hm(least)} in week {week + 1}; its longest time off "
                    f"is {hm(int(longest))}",
                )
            )
        return found


def check_locks(problem: Problem, clock: SiteClock, shifts: list[PlacedShift]) -> list[Violation]:
    """Each locked shift must appear with the same agent, start, end and breaks."""
    present = {(s.agent_id, s.start, s.end, tuple(sorted(s.breaks))) for s in shifts}
    spans = {(s.agent_id, s.start, s.end) for s in shifts}
    found = []
    for lock in problem.locked_shifts:
        start, end = epoch(lock.start), epoch(lock.end)
        breaks = tuple(
            sorted((epoch(b.start, clock.zone), epoch(b.end, clock.zone)) for b in lock.breaks)
        )
        if (lock.agent_id, start, end, breaks) in present:
            continue
        if (lock.agent_id, start, end) in spans:
            reason = "appears with different breaks"
        else:
            reason = "is missing from the roster"
        local_start, local_end = clock.local(start), clock.local(end)
        found.append(
            Violation(
                rule="locked_shift",
                agent_id=lock.agent_id,
                at=local_start,
                message=f"locked shift {local_start:%Y-%m-%d %H:%M}-{local_end:%H:%M} {reason}",
            )
        )
    return found
