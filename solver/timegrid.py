"""The slot grid: the horizon cut into equal slots of absolute time.

Slots are counted in absolute (UTC) time from site midnight of the first day, so a day
with a daylight-saving change simply holds 46 or 50 half-hour slots instead of 48. Each
slot knows its site-local day, which is the day every daily and weekly rule counts in.
Local times of the site or of an agent are converted here and nowhere else in the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from solver.local_time import day_start_utc, to_utc
from solver.problem import Horizon


def local_to_utc(moment: datetime, zone: ZoneInfo) -> datetime:
    """A naive local date-time (or an aware one, kept as is) as an aware UTC date-time.

    Raises :class:`~solver.local_time.NonexistentLocalTime` for a time the clocks skip;
    validation reports those before any model is built (see ``solver.local_time``).
    """
    return to_utc(moment, zone)


@dataclass(frozen=True)
class SlotGrid:
    """Absolute slots of a horizon, with their site day and opening state."""

    horizon: Horizon

    @cached_property
    def site_zone(self) -> ZoneInfo:
        return ZoneInfo(self.horizon.time_zone)

    @cached_property
    def slot(self) -> timedelta:
        return timedelta(minutes=self.horizon.slot_minutes)

    @cached_property
    def start(self) -> datetime:
        return day_start_utc(self.horizon.first_day, self.site_zone)

    @cached_property
    def end(self) -> datetime:
        last = self.horizon.first_day + timedelta(days=self.horizon.days)
        return day_start_utc(last, self.site_zone)

    @cached_property
    def count(self) -> int:
        return int((self.end - self.start) / self.slot)

    def slot_start(self, index: int) -> datetime:
        return self.start + index * self.slot

    @cached_property
    def day_of_slot(self) -> list[int]:
        """Index of the site-local day (0-based) each slot starts in."""
        first = self.horizon.first_day
        return [
            (self.slot_start(i).astimezone(self.site_zone).date() - first).days
            for i in range(self.count)
        ]

    @cached_property
    def slots_of_day(self) -> list[range]:
        """Slot indices of each site day, in order."""
        bounds: list[int] = [0]
        for i in range(1, self.count):
            if self.day_of_slot[i] != self.day_of_slot[i - 1]:
                bounds.append(i)
        bounds.append(self.count)
        return [range(bounds[d], bounds[d + 1]) for d in range(len(bounds) - 1)]

    def day_date(self, day: int) -> date:
        return self.horizon.first_day + timedelta(days=day)

    def week_of_day(self, day: int) -> int:
        """Rules 'per week' count in 7-day blocks from the first day."""
        return day // 7

    @cached_property
    def week_count(self) -> int:
        return math.ceil(self.horizon.days / 7)

    def days_in_week(self, week: int) -> int:
        return min(7, self.horizon.days - 7 * week)

    @cached_property
    def is_open(self) -> list[bool]:
        """Whether the site takes contacts during the whole of each slot."""
        minutes = self.horizon.slot_minutes
        result = []
        for i in range(self.count):
            local = self.slot_start(i).astimezone(self.site_zone)
            start_min = local.hour * 60 + local.minute
            end_min = start_min + minutes
            weekday = local.weekday()
            result.append(
                any(
                    weekday in span.weekdays
                    and span.open.hour * 60 + span.open.minute <= start_min
                    and end_min <= (span.close.hour * 60 + span.close.minute or 24 * 60)
                    for span in self.horizon.opening_hours
                )
            )
        return result

    def slots_inside(self, start_utc: datetime, end_utc: datetime) -> range:
        """Slots lying wholly inside an absolute span (partial slots are left out)."""
        first = math.ceil((start_utc - self.start) / self.slot)
        last = math.floor((end_utc - self.start) / self.slot)
        return range(max(first, 0), min(last, self.count))

    def slot_at(self, moment_utc: datetime) -> int | None:
        """The slot starting exactly at an absolute moment, if there is one."""
        offset = moment_utc - self.start
        if offset % self.slot:
            return None
        index = int(offset / self.slot)
        return index if 0 <= index < self.count else None
