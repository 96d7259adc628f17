"""Roster shifts as iCalendar (RFC 5545), written by the ``icalendar`` package.

Folding, escaping and time zones are the library's: we only say what each event is. An
agent's own calendar is in their time zone (``TZID`` with its ``VTIMEZONE``), so a shift
shows at the hour the agent was told even when their calendar app sits elsewhere; a roster
of many agents, who live in several zones, is in UTC. UIDs depend only on the agent and the
shift's start, so re-importing a calendar updates its events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from api.rosters.schemas import ShiftRead, SpanRead

PRODUCT_ID = "-//Homeshore//Roster//EN"
FUTURE_YEARS = 10


def shift_uid(shift: ShiftRead) -> str:
    """The event's identity: one agent starts at most one shift at a given moment."""
    return f"shift-{shift.agent_id}-{shift.start.astimezone(UTC):%Y%m%dT%H%M%SZ}@homeshore"


def shifts_ical(
    shifts: Iterable[ShiftRead], calendar_name: str, stamp: datetime, zone: ZoneInfo | None = None
) -> str:
    """One VEVENT per shift, times in ``zone`` (an agent's own) or, without one, in UTC."""
    where: tzinfo = zone or UTC
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # Unknown X- properties are not TEXT to the library; said explicitly, they are escaped.
    calendar.add("x-wr-calname", vText(calendar_name))
    if zone is not None:
        calendar.add("x-wr-timezone", vText(zone.key))
    listed = list(shifts)
    for shift in listed:
        calendar.add_component(_event(shift, stamp, where))
    if zone is not None and listed:
        # The zone's rules from the first shift's year to ten years past the last one, not
        # its whole history: clients that keep a TZID's definition from an earlier download
        # (feeds are fetched again and again) still read later shifts right.
        first = min(s.start for s in listed).astimezone(zone).year
        last = max(s.end for s in listed).astimezone(zone).year
        calendar.add_missing_timezones(
            first_date=date(first, 1, 1), last_date=date(last + FUTURE_YEARS, 1, 1)
        )
    body: bytes = calendar.to_ical()
    return body.decode()


def _event(shift: ShiftRead, stamp: datetime, where: tzinfo) -> Event:
    queues = ", ".join(sorted({a.queue for a in shift.activities})) or "shift"
    event = Event()
    event.add("uid", shift_uid(shift))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", _moment(shift.start, where))
    event.add("dtend", _moment(shift.end, where))
    event.add("summary", f"Homeshore: {queues}")
    event.add("description", _description(shift, where))
    return event


def _moment(moment: datetime, where: tzinfo) -> datetime:
    """``moment`` in the calendar's zone, unless it falls in the hour a change back to winter
    time repeats: readers take such a local time as its first occurrence (RFC 5545 3.3.5),
    so the second is written in UTC."""
    local = moment.astimezone(where)
    return moment.astimezone(UTC) if local.fold else local


def _description(shift: ShiftRead, where: tzinfo) -> str:
    text = f"Agent {shift.agent_id}."
    if shift.breaks:
        text += " " + "; ".join(f"break {_span(b, where)}" for b in shift.breaks) + "."
    if shift.absence_ids:
        text += f" Absence reported (ids {', '.join(map(str, shift.absence_ids))})."
    return text


def _span(span: SpanRead, where: tzinfo) -> str:
    start, end = span.start.astimezone(where), span.end.astimezone(where)
    label = "" if where is not UTC else " UTC"
    return f"{start:%H:%M}-{end:%H:%M}{label}"
