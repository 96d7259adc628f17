"""The roster as CSV: one row per activity, in site time and in the agent's own time.

Planners open this in a spreadsheet; agents' local times are there because the agent is
who reads them out ("your shift starts at 9:00 your time").
"""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from solver.problem import Problem
from solver.roster import Roster

COLUMNS = [
    "agent_id",
    "agent_country",
    "shift_start_site",
    "shift_end_site",
    "activity",
    "start_site",
    "end_site",
    "start_agent_local",
    "end_agent_local",
    "agent_time_zone",
]


def roster_csv(problem: Problem, roster: Roster) -> str:
    site = ZoneInfo(problem.horizon.time_zone)
    agents = {a.id: a for a in problem.agents}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for shift in sorted(roster.shifts, key=lambda s: (s.agent_id, s.start)):
        agent = agents.get(shift.agent_id)
        local = ZoneInfo(agent.time_zone) if agent else site
        parts = [(a.start, a.end, a.queue) for a in shift.activities]
        parts += [(b.start, b.end, "break") for b in shift.breaks]
        for start, end, what in sorted(parts):
            writer.writerow(
                [
                    shift.agent_id,
                    agent.country if agent else "",
                    shift.start.astimezone(site).isoformat(timespec="minutes"),
                    shift.end.astimezone(site).isoformat(timespec="minutes"),
                    what,
                    start.astimezone(site).isoformat(timespec="minutes"),
                    end.astimezone(site).isoformat(timespec="minutes"),
                    start.astimezone(local).isoformat(timespec="minutes"),
                    end.astimezone(local).isoformat(timespec="minutes"),
                    local.key,
                ]
            )
    return out.getvalue()
