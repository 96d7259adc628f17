"""Demand as CSV, one row per queue and slot: ``queue,start,required``.

Spreadsheets and forecasting tools export this shape readily. Rows are grouped into series
of consecutive slots per queue, so the same checks as a JSON upload apply; every problem is
reported with the line it comes from. A start the site's clocks skip (02:30 on the spring
night) is refused on its own line, before grouping could fold it into a series and move it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from api.errors import FieldIssue, InvalidInput
from api.periods.schemas import MAX_SLOTS
from solver.local_time import NonexistentLocalTime, exists

COLUMNS = ("queue", "start", "required")
MAX_ROWS = 200_000
Row = tuple[str, datetime, int, int]


@dataclass
class ParsedSeries:
    """One series built from rows, with the lines it came from."""

    queue: str
    start: datetime
    required: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def label(self) -> str:
        first, last = self.lines[0], self.lines[-1]
        return f"line {first}" if first == last else f"lines {first}-{last}"


def parse_demand_csv(text: str, slot_minutes: int, zone: ZoneInfo) -> list[ParsedSeries]:
    """Rows grouped into series of consecutive slots; InvalidInput names each bad line."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip().lower() for h in header) != COLUMNS:
        raise InvalidInput([FieldIssue("line 1", f"header must be {','.join(COLUMNS)}")])
    rows: list[Row] = []
    issues: list[FieldIssue] = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(rows) >= MAX_ROWS:
            raise InvalidInput([FieldIssue(f"line {line}", f"more than {MAX_ROWS} rows")])
        parsed = _row(row, line, issues)
        if parsed is not None and not exists(parsed[1], zone):
            issues.append(
                FieldIssue(f"line {line}.start", str(NonexistentLocalTime(parsed[1], zone)))
            )
        elif parsed is not None:
            rows.append(parsed)
    if issues:
        raise InvalidInput(issues)
    return _group(rows, timedelta(minutes=slot_minutes))


def _row(row: list[str], line: int, issues: list[FieldIssue]) -> Row | None:
    if len(row) != len(COLUMNS):
        issues.append(FieldIssue(f"line {line}", f"expected 3 columns, found {len(row)}"))
        return None
    queue, start_text, required_text = (cell.strip() for cell in row)
    try:
        start = datetime.fromisoformat(start_text)
    except ValueError:
        issues.append(FieldIssue(f"line {line}.start", f"{start_text!r} is not a date-time"))
        return None
    if start.tzinfo is not None:
        issues.append(FieldIssue(f"line {line}.start", "must be a site-local time, no offset"))
        return None
    try:
        required = int(required_text)
    except ValueError:
        issues.append(
            FieldIssue(f"line {line}.required", f"{required_text!r} is not a whole number")
        )
        return None
    if not 0 <= required <= 100_000:
        issues.append(FieldIssue(f"line {line}.required", "must be between 0 and 100000"))
        return None
    if not queue:
        issues.append(FieldIssue(f"line {line}.queue", "is empty"))
        return None
    return queue, start, required, line


def _group(rows: list[Row], slot: timedelta) -> list[ParsedSeries]:
    series: list[ParsedSeries] = []
    for queue, start, required, line in sorted(rows):
        last = series[-1] if series else None
        if (
            last is not None
            and last.queue == queue
            and last.start + slot * len(last.required) == start
            and len(last.required) < MAX_SLOTS
        ):
            last.required.append(required)
            last.lines.append(line)
        else:
            series.append(ParsedSeries(queue, start, [required], [line]))
    return series
