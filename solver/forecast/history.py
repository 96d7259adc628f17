"""Interval history from CSV text: every row checked, all problems reported at once.

Accepted columns (header row required, names case-insensitive, other columns ignored):

* time: ``timestamp`` (ISO 8601, e.g. ``2026-11-02T08:30``) or ``date`` + ``interval``
  (``2026-11-02`` and ``08:30``), the *start* of the interval in site-local wall-clock
  time; a timestamp with a UTC offset is converted to the site time zone;
* ``queue``: queue id as in the planning problem;
* ``contacts`` (or ``offered``): contacts offered in the interval, a number >= 0;
* ``aht_seconds`` (or ``aht``): average handle time in seconds, > 0; may be empty when no
  contact was offered.

An interval absent from a day that has other rows means no contact was offered then (ACD
exports skip empty intervals); a day absent from the file is unknown, not zero.
A file with any bad row imports nothing: ``HistoryError`` lists every bad row.

The interval, when not given, is inferred from the start times. Given the planning
problem's slot (``slot_minutes``), a file is read as finer than that slot only when it is so
*consistently*: more than a quarter of its rows off the slot grid. A few stray rows
(``09:40`` in 30-minute data) are mistakes, refused by line, rather than a reason to read
the whole file as 10-minute intervals.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import reduce
from typing import TextIO
from zoneinfo import ZoneInfo

ALLOWED_INTERVALS = (5, 10, 15, 20, 30, 60)
_QUEUE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_ALIASES = {"offered": "contacts", "aht": "aht_seconds"}
_MAX_LISTED = 25
# Above this share of rows off a grid, the file is read as finer than that grid.
FINER_SHARE = 0.25


@dataclass(frozen=True)
class HistoryRow:
    """One interval of one queue, start in naive site-local time."""

    line: int
    start: datetime
    queue: str
    contacts: float
    aht_seconds: float | None


@dataclass(frozen=True)
class RowProblem:
    """Why one cell (or row) was refused."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason}"


class HistoryError(ValueError):
    """The history could not be imported; ``problems`` lists every bad row."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        shown = [f"  - {p}" for p in problems[:_MAX_LISTED]]
        if len(problems) > _MAX_LISTED:
            shown.append(f"  ... and {len(problems) - _MAX_LISTED} more")
        super().__init__(
            f"history not imported: {len(problems)} problem(s), nothing was imported\n"
            + "\n".join(shown)
        )


@dataclass(frozen=True)
class History:
    """Validated interval history of one site."""

    interval_minutes: int
    rows: tuple[HistoryRow, ...]

    @property
    def queues(self) -> list[str]:
        return sorted({row.queue for row in self.rows})

    @property
    def dates(self) -> list[date]:
        """Days the file covers (any queue): the observed days."""
        return sorted({row.start.date() for row in self.rows})


def parse_history(
    source: str | TextIO,
    *,
    time_zone: str | None = None,
    interval_minutes: int | None = None,
    slot_minutes: int | None = None,
) -> History:
    """Parse and check interval history; raises HistoryError listing every bad row.

    ``interval_minutes`` is inferred from the start times when not given; ``slot_minutes``
    (the slot of the problem the history is for) makes rows off the slot grid mistakes
    unless the file is consistently finer (see the module's docstring).
    """
    if interval_minutes is not None and interval_minutes not in ALLOWED_INTERVALS:
        raise ValueError(f"history interval must be one of {ALLOWED_INTERVALS} minutes")
    stream = io.StringIO(source) if isinstance(source, str) else source
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        raise HistoryError([RowProblem(1, "-", "empty file: expected a header row")])
    names = [_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    header_problems = _check_header(names)
    if header_problems:
        raise HistoryError(header_problems)
    zone = ZoneInfo(time_zone) if time_zone else None
    rows: list[HistoryRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[datetime, str], int] = {}
    for line, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(names):
            problems.append(
                RowProblem(line, "-", f"expected {len(names)} fields, found {len(record)}")
            )
            continue
        cells = dict(zip(names, (cell.strip() for cell in record), strict=True))
        parsed = _parse_row(line, cells, zone, problems)
        if parsed is None:
            continue
        row, moment = parsed
        # Keyed on the instant as written: the repeated hour when clocks go back holds two
        # distinct intervals with the same local time (their contacts are then summed).
        key = (moment, row.queue)
        if key in seen:
            problems.append(
                RowProblem(
                    line, "time", f"duplicate of line {seen[key]} ({row.queue}, {row.start})"
                )
            )
            continue
        seen[key] = line
        rows.append(row)
    if not rows and not problems:
        problems.append(RowProblem(2, "-", "no data rows after the header"))
    interval = interval_minutes
    if not problems:
        interval = _check_interval(rows, interval_minutes, problems, slot_minutes)
    if problems:
        raise HistoryError(problems)
    assert interval is not None
    return History(interval_minutes=interval, rows=tuple(rows))


def _check_header(names: list[str]) -> list[RowProblem]:
    problems = []
    has_time = "timestamp" in names or ("date" in names and "interval" in names)
    if not has_time:
        problems.append(RowProblem(1, "timestamp", "need a 'timestamp' or 'date' + 'interval'"))
    for required in ("queue", "contacts", "aht_seconds"):
        if required not in names:
            problems.append(RowProblem(1, required, "missing column"))
    duplicates = sorted({n for n in names if names.count(n) > 1 and n})
    if duplicates:
        problems.append(RowProblem(1, duplicates[0], "column appears twice"))
    return problems


def _parse_row(
    line: int, cells: dict[str, str], zone: ZoneInfo | None, problems: list[RowProblem]
) -> tuple[HistoryRow, datetime] | None:
    """The row (start in naive site-local time) and its start as written."""
    before = len(problems)
    moment = _parse_start(line, cells, problems)
    queue = cells["queue"]
    if not _QUEUE_ID.match(queue):
        problems.append(RowProblem(line, "queue", f"not a queue id: {queue!r}"))
    contacts = _number(line, "contacts", cells["contacts"], problems, minimum=0.0)
    aht: float | None = None
    if cells["aht_seconds"]:
        aht = _number(line, "aht_seconds", cells["aht_seconds"], problems, minimum=None)
        if aht is not None and aht <= 0:
            problems.append(RowProblem(line, "aht_seconds", f"must be > 0, got {aht:g}"))
    elif contacts:
        problems.append(RowProblem(line, "aht_seconds", "empty, but contacts were offered"))
    if len(problems) > before or moment is None or contacts is None:
        return None
    start = moment
    if moment.tzinfo is not None:
        if zone is None:
            column = "timestamp" if "timestamp" in cells else "interval"
            problems.append(
                RowProblem(line, column, "has a UTC offset but no site time zone was given")
            )
            return None
        start = moment.astimezone(zone).replace(tzinfo=None)
    return HistoryRow(line, start, queue, contacts, aht), moment


def _parse_start(line: int, cells: dict[str, str], problems: list[RowProblem]) -> datetime | None:
    if "timestamp" in cells:
        column, text = "timestamp", cells["timestamp"]
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            problems.append(RowProblem(line, column, f"not an ISO date-time: {text!r}"))
            return None
    else:
        try:
            day = date.fromisoformat(cells["date"])
        except ValueError:
            problems.append(RowProblem(line, "date", f"not a YYYY-MM-DD date: {cells['date']!r}"))
            return None
        column, text = "interval", cells["interval"]
        try:
            moment = datetime.combine(day, time.fromisoformat(text))
        except ValueError:
            problems.append(RowProblem(line, column, f"not an HH:MM time: {text!r}"))
            return None
    if moment.second or moment.microsecond:
        problems.append(RowProblem(line, column, f"not on a whole minute: {text!r}"))
        return None
    return moment


def _number(
    line: int, column: str, text: str, problems: list[RowProblem], *, minimum: float | None
) -> float | None:
    try:
        value = float(text)
    except ValueError:
        problems.append(RowProblem(line, column, f"not a number: {text!r}"))
        return None
    if not math.isfinite(value):
        problems.append(RowProblem(line, column, f"not a finite number: {text!r}"))
        return None
    if minimum is not None and value < minimum:
        problems.append(RowProblem(line, column, f"must be >= {minimum:g}, got {value:g}"))
        return None
    return value


def _check_interval(
    rows: list[HistoryRow], given: int | None, problems: list[RowProblem], slot: int | None
) -> int | None:
    minutes = [row.start.hour * 60 + row.start.minute for row in rows]
    if given is not None:
        for row, minute in zip(rows, minutes, strict=True):
            if minute % given:
                problems.append(
                    RowProblem(
                        row.line, "time", f"{row.start:%H:%M} is not on the {given}-minute grid"
                    )
                )
        return given
    for row, minute in zip(rows, minutes, strict=True):
        if minute % 5:
            problems.append(
                RowProblem(row.line, "time", f"{row.start:%H:%M} is not on a 5-minute grid")
            )
            return None
    step = reduce(math.gcd, minutes, 1440)
    finest = max(i for i in ALLOWED_INTERVALS if step % i == 0)
    if slot is None or slot not in ALLOWED_INTERVALS or finest >= slot:
        return finest
    off = [row for row, minute in zip(rows, minutes, strict=True) if minute % slot]
    if len(off) > FINER_SHARE * len(rows):
        return finest  # consistently finer than the slot: a finer export, read as such
    problems.extend(
        RowProblem(
            row.line,
            "time",
            f"{row.start:%H:%M} is off the {slot}-minute slot grid the rest of the file keeps to",
        )
        for row in off
    )
    return slot
