"""Interval history import: round trip, and bad rows reported with line and column."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from solver.forecast.history import HistoryError, parse_history

HEADER = "date,interval,queue,contacts,aht_seconds\n"


def _csv(rows: list[list[str]], header: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header or ["date", "interval", "queue", "contacts", "aht_seconds"])
    writer.writerows(rows)
    return out.getvalue()


def test_round_trip_keeps_every_value() -> None:
    rows = [
        ["2026-11-02", "08:00", "fr-support", "12", "310"],
        ["2026-11-02", "08:30", "fr-support", "0", ""],
        ["2026-11-02", "08:00", "en-support", "3.5", "295.5"],
        ["2026-11-03", "19:30", "fr-sales", "7", "420"],
    ]
    history = parse_history(_csv(rows))
    assert history.interval_minutes == 30
    assert history.queues == ["en-support", "fr-sales", "fr-support"]
    back = [
        [
            r.start.date().isoformat(),
            r.start.strftime("%H:%M"),
            r.queue,
            f"{r.contacts:g}",
            "" if r.aht_seconds is None else f"{r.aht_seconds:g}",
        ]
        for r in history.rows
    ]
    assert back == rows
    assert [r.line for r in history.rows] == [2, 3, 4, 5]


def test_bad_rows_are_all_reported_and_nothing_is_imported() -> None:
    text = _csv(
        [
            ["2026-11-02", "08:00", "fr-support", "12", "310"],
            ["2026-11-02", "08:30", "fr-support", "-1", "310"],
            ["2026-13-02", "09:00", "fr-support", "4", "310"],
            ["2026-11-02", "9h30", "fr-support", "4", "310"],
            ["2026-11-02", "10:00", "fr support", "4", "310"],
            ["2026-11-02", "10:30", "fr-support", "lots", "310"],
            ["2026-11-02", "11:00", "fr-support", "5", ""],
            ["2026-11-02", "11:30", "fr-support", "5", "0"],
            ["2026-11-02", "12:00", "fr-support", "5"],
            ["2026-11-02", "08:00", "fr-support", "9", "300"],
        ]
    )
    with pytest.raises(HistoryError) as info:
        parse_history(text)
    found = [(p.line, p.column) for p in info.value.problems]
    assert found == [
        (3, "contacts"),
        (4, "date"),
        (5, "interval"),
        (6, "queue"),
        (7, "contacts"),
        (8, "aht_seconds"),
        (9, "aht_seconds"),
        (10, "-"),
        (11, "time"),
    ]
    message = str(info.value)
    assert "nothing was imported" in message
    assert "line 7, column contacts: not a number: 'lots'" in message
    assert "duplicate of line 2" in message


def test_missing_columns_are_named() -> None:
    with pytest.raises(HistoryError, match="aht_seconds: missing column"):
        parse_history("timestamp,queue,contacts\n2026-11-02T08:00,fr,3\n")
    with pytest.raises(HistoryError, match="need a 'timestamp' or 'date' \\+ 'interval'"):
        parse_history("date,queue,contacts,aht\n2026-11-02,fr,3,200\n")
    with pytest.raises(HistoryError, match="empty file"):
        parse_history("")
    with pytest.raises(HistoryError, match="no data rows"):
        parse_history(HEADER)


def test_timestamps_with_offsets_become_site_local_time() -> None:
    text = "timestamp,queue,offered,aht\n2026-11-02T07:00:00+00:00,fr,3,200\n"
    history = parse_history(text, time_zone="Europe/Paris")
    assert history.rows[0].start == datetime(2026, 11, 2, 8, 0)
    with pytest.raises(HistoryError, match="no site time zone"):
        parse_history(text)


def test_interval_is_inferred_or_checked() -> None:
    rows = [["2026-11-02", "08:00", "q", "1", "60"], ["2026-11-02", "08:15", "q", "1", "60"]]
    assert parse_history(_csv(rows)).interval_minutes == 15
    with pytest.raises(HistoryError, match="not on the 30-minute grid"):
        parse_history(_csv(rows), interval_minutes=30)
    odd = [["2026-11-02", "08:00", "q", "1", "60"], ["2026-11-02", "08:07", "q", "1", "60"]]
    with pytest.raises(HistoryError, match="line 3, column time: 08:07 is not on a 5-minute grid"):
        parse_history(_csv(odd))


def test_reads_from_a_text_stream() -> None:
    stream = io.StringIO(_csv([["2026-11-02", "08:00", "q", "1", "60"]]))
    assert len(parse_history(stream).rows) == 1


def test_the_repeated_hour_of_a_dst_change_is_two_intervals() -> None:
    # Paris clocks go back at 03:00 on 2026-10-25: 02:30 happens at +02:00, then at +01:00.
    text = (
        "timestamp,queue,contacts,aht_seconds\n"
        "2026-10-25T02:30:00+02:00,night,4,300\n"
        "2026-10-25T02:30:00+01:00,night,6,300\n"
    )
    history = parse_history(text, time_zone="Europe/Paris")
    assert [r.start for r in history.rows] == [datetime(2026, 10, 25, 2, 30)] * 2
    with pytest.raises(HistoryError, match="line 3, column time: duplicate of line 2"):
        parse_history(text.replace("+01:00", "+02:00"), time_zone="Europe/Paris")


def _half_hours(day: str, count: int) -> list[list[str]]:
    return [[day, f"{8 + i // 2:02d}:{30 * (i % 2):02d}", "q", "4", "180"] for i in range(count)]


def test_a_stray_row_off_the_slot_grid_is_refused_by_line() -> None:
    rows = _half_hours("2026-11-02", 12)
    rows.insert(3, ["2026-11-02", "09:40", "q", "1", "180"])  # line 5 of the file
    with pytest.raises(HistoryError) as refused:
        parse_history(_csv(rows), slot_minutes=30)
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (5, "time")
    assert "09:40 is off the 30-minute slot grid" in problem.reason
    del rows[3]
    assert parse_history(_csv(rows), slot_minutes=30).interval_minutes == 30


def test_a_consistently_finer_file_is_read_as_finer() -> None:
    rows = [
        ["2026-11-02", f"{8 + i // 6:02d}:{10 * (i % 6):02d}", "q", "2", "180"] for i in range(18)
    ]
    assert parse_history(_csv(rows), slot_minutes=30).interval_minutes == 10
    hourly = [["2026-11-02", f"{8 + i:02d}:00", "q", "9", "180"] for i in range(6)]
    assert parse_history(_csv(hourly), slot_minutes=30).interval_minutes == 60
