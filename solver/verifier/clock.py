"""The verifier's own clock: the horizon, site days, weeks and opening hours in epoch seconds.

Deliberately independent of the model's time grid, so that a mistake in one is caught by
the other. Every instant is an integer number of seconds since the Unix epoch; naive local
date-times are placed with zoneinfo (``fold=0``: an ambiguous autumn time is its first
occurrence). A skipped spring time names no instant: the input format refuses it, and the
verifier leaves out whatever holds one (``shown_by_clocks``) rather than move it an hour.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from solver.problem import Horizon, TimeWindow
from solver.verifier.intervals import Interval, merged

HOUR = 3600


def epoch(moment: datetime, zone: ZoneInfo | None = None) -> int:
    """Seconds since the epoch; a naive ``moment`` is read as local time in ``zone``."""
    if moment.tzinfo is None:
        if zone is None:
            raise ValueError(f"naive date-time {moment} needs a time zone")
        moment = moment.replace(tzinfo=zone)
    return int(moment.timestamp())


def shown_by_clocks(moment: datetime, zone: ZoneInfo) -> bool:
    """Whether the wall clocks of ``zone`` ever show the naive ``moment`` (not in a gap)."""
    seconds = epoch(moment, zone)
    return datetime.fromtimestamp(seconds, zone).replace(tzinfo=None) == moment


def local_spans(windows: Iterable[TimeWindow], zone: ZoneInfo) -> list[Interval]:
    """Windows in absolute seconds, merged; a window with a skipped local time counts as none."""
    return merged(
        (epoch(w.start, zone), epoch(w.end, zone))
        for w in windows
        if w.start.tzinfo is not None
        or (shown_by_clocks(w.start, zone) and shown_by_clocks(w.end, zone))
    )


def wall_seconds(moment: datetime) -> int:
    """A naive wall-clock date-time as seconds, as if it were UTC (for wall-clock sums)."""
    return int(moment.replace(tzinfo=UTC).timestamp())


def fixed_offset(moment: datetime) -> datetime:
    """The same instant and wall time, with the zone replaced by its current UTC offset."""
    offset = moment.utcoffset()
    return moment.replace(tzinfo=timezone(offset)) if offset is not None else moment


def hm(seconds: int) -> str:
    """A duration as ``9h00`` (negative durations keep their sign)."""
    sign = "-" if seconds < 0 else ""
    minutes = abs(seconds) // 60
    return f"{sign}{minutes // 60}h{minutes % 60:02d}"


@dataclass(frozen=True)
class SiteClock:
    """Where the horizon starts and ends, which site day and week an instant belongs to."""

    horizon: Horizon
    zone: ZoneInfo = field(init=False)
    start: int = field(init=False)
    end: int = field(init=False)
    slot_seconds: int = field(init=False)
    slot_count: int = field(init=False)

    def __post_init__(self) -> None:
        zone = ZoneInfo(self.horizon.time_zone)
        object.__setattr__(self, "zone", zone)
        object.__setattr__(self, "start", self.day_start(0))
        object.__setattr__(self, "end", self.day_start(self.horizon.days))
        object.__setattr__(self, "slot_seconds", self.horizon.slot_minutes * 60)
        object.__setattr__(self, "slot_count", (self.end - self.start) // self.slot_seconds)

    def date_of_day(self, day: int) -> date:
        return self.horizon.first_day + timedelta(days=day)

    def day_start(self, day: int) -> int:
        """Site midnight opening site day ``day`` (0 is the first planned day)."""
        return epoch(datetime.combine(self.date_of_day(day), time(0)), self.zone)

    def day_of(self, moment: int) -> int:
        """Site day index of an instant; negative or >= days when outside the horizon."""
        local = datetime.fromtimestamp(moment, self.zone).date()
        return (local - self.horizon.first_day).days

    @staticmethod
    def week_of(day: int) -> int:
        """Weekly rules count in 7-day blocks from the first planned day."""
        return day // 7

    @property
    def week_count(self) -> int:
        return -(-self.horizon.days // 7)

    def days_in_week(self, week: int) -> int:
        """Planned days in a week block: fewer than 7 only for a final partial block."""
        if 0 <= week < self.week_count:
            return min(7, self.horizon.days - 7 * week)
        return 7

    def week_start(self, week: int) -> int:
        return self.day_start(7 * week)

    def local(self, moment: int) -> datetime:
        """An instant as a site-local date-time with a fixed UTC offset.

        A fixed offset rather than the zone itself: Python never finds a zone-aware time in
        a repeated autumn hour equal to the same instant in another zone (PEP 495).
        """
        return fixed_offset(datetime.fromtimestamp(moment, self.zone))

    def slot_start(self, index: int) -> datetime:
        return self.local(self.start + index * self.slot_seconds)

    def open_spans(self) -> list[Interval]:
        """Instants when the site is open, from a day before the horizon to a day after.

        An instant is open when its site-local weekday is in a span's weekdays and its
        local time of day is in ``[open, close)``. Worked out per stretch of constant UTC
        offset, so repeated or skipped hours on daylight-saving days are handled exactly.
        """
        first, last = self.date_of_day(-1), self.date_of_day(self.horizon.days + 1)
        wall: list[Interval] = []
        day = first
        while day < last:
            for span in self.horizon.opening_hours:
                if day.weekday() in span.weekdays:
                    close_day = day + timedelta(days=1) if span.close == time(0) else day
                    wall.append(
                        (
                            wall_seconds(datetime.combine(day, span.open)),
                            wall_seconds(datetime.combine(close_day, span.close)),
                        )
                    )
            day += timedelta(days=1)
        wall = merged(wall)
        absolute: list[Interval] = []
        for low, high, offset in self._constant_offset_stretches(
            self.day_start(-1), self.day_start(self.horizon.days + 1)
        ):
            for w_low, w_high in wall:
                start, end = max(low, w_low - offset), min(high, w_high - offset)
                if end > start:
                    absolute.append((start, end))
        return merged(absolute)

    def _offset(self, moment: int) -> int:
        delta = datetime.fromtimestamp(moment, self.zone).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    def _constant_offset_stretches(self, low: int, high: int) -> list[tuple[int, int, int]]:
        """Split ``[low, high)`` where the site's UTC offset changes (found to the second)."""
        stretches: list[tuple[int, int, int]] = []
        begin, offset = low, self._offset(low)
        probe = low
        while probe < high:
            following = min(probe + HOUR, high)
            if self._offset(following) != offset and following < high:
                before, after = probe, following
                while after - before > 1:
                    middle = (before + after) // 2
                    if self._offset(middle) == offset:
                        before = middle
                    else:
                        after = middle
                stretches.append((begin, after, offset))
                begin, offset = after, self._offset(after)
            probe = following
        stretches.append((begin, high, offset))
        return stretches
