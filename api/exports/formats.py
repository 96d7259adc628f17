"""Roster shifts as CSV, from the wire schemas (iCalendar is api.exports.ical)."""

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
