"""Roster shifts as CSV and as iCalendar (RFC 5545), from the wire schemas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime

from api.rosters.schemas import ShiftRead

CSV_COLUMNS = (
    "shift_id",
    "agent_id",
    "start_utc",
    "end_utc",
    "start_local",
    "queues",
    "breaks",
    "absence_ids",
)


def roster_csv(shifts: Iterable[ShiftRead]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in shifts:
        writer.writerow(
            (
                s.id,
                s.agent_id,
                _utc(s.start).isoformat(),
                _utc(s.end).isoformat(),
                s.local_start.isoformat(),
                " ".join(sorted({a.queue for a in s.activities})),
                " ".join(f"{_utc(b.start):%H:%M}-{_utc(b.end):%H:%M}Z" for b in s.breaks),
                " ".join(str(a) for a in s.absence_ids),
            )
        )
    return out.getvalue()


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _ical_time(moment: datetime) -> str:
    return f"{_utc(moment):%Y%m%dT%H%M%SZ}"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    pieces: list[str] = []
    start = 0
    while start < len(data):
        end = min(start + (75 if not pieces else 74), len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        pieces.append(data[start:end].decode())
        start = end
    return "\r\n ".join(pieces)


def shifts_ical(shifts: Iterable[ShiftRead], calendar_name: str, stamp: datetime) -> str:
    """One VEVENT per shift; the UID is stable, so re-importing updates instead of duplicating."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Homeshore//Roster//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(calendar_name)}",
    ]
    for s in shifts:
        queues = ", ".join(sorted({a.queue for a in s.activities})) or "shift"
        breaks = "; ".join(f"break {_ical_time(b.start)}-{_ical_time(b.end)}" for b in s.breaks)
        description = f"Agent {s.agent_id}. {breaks}".strip()
        if s.absence_ids:
            description += f" Absence reported (ids {', '.join(map(str, s.absence_ids))})."
        lines += [
            "BEGIN:VEVENT",
            f"UID:shift-{s.agent_id}-{_ical_time(s.start)}@homeshore",
            f"DTSTAMP:{_ical_time(stamp)}",
            f"DTSTART:{_ical_time(s.start)}",
            f"DTEND:{_ical_time(s.end)}",
            f"SUMMARY:{_escape('Homeshore: ' + queues)}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
