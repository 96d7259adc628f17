"""Naive local date-times read as instants: the one rule for skipped and repeated hours.

People write local wall-clock times, but every duration Homeshore counts (availability,
caps, demand, KPIs) is real elapsed time, so each local time must name exactly one instant:

- a time the clocks skip (02:30 on the spring night in Paris) names none: it is refused,
  never moved silently to the hour after;
- a time the clocks show twice (02:30 on the autumn night) is read as its *first*
  occurrence, before the clocks go back (``fold=0`` in PEP 495 terms); a time in the second
  pass is written with its UTC offset instead (``2026-10-25T02:30+01:00``);
- a date's first instant is its midnight, or, where midnight itself is skipped, the moment
  the clocks jump (so day boundaries always exist).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo


class NonexistentLocalTime(ValueError):
    """A naive local time that falls in a daylight-saving gap of its zone."""

    def __init__(self, moment: datetime, zone: ZoneInfo) -> None:
        self.moment = moment
        self.zone = zone
        before = moment.replace(tzinfo=zone, fold=0).utcoffset() or timedelta(0)
        after = moment.replace(tzinfo=zone, fold=1).utcoffset() or timedelta(0)
        skipped = int(abs(after - before).total_seconds() // 60)
        super().__init__(
            f"{moment:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks skip "
            f"{skipped} minutes that night"
        )


def exists(moment: datetime, zone: ZoneInfo) -> bool:
    """Whether a naive local time is shown by the clocks of ``zone`` at some instant."""
    placed = moment.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    return placed.replace(tzinfo=None) == moment


def to_utc(moment: datetime, zone: ZoneInfo) -> datetime:
    """A naive local time as an aware UTC instant (an aware one is only converted).

    Raises :class:`NonexistentLocalTime` for a skipped time; a repeated time is its first
    occurrence.
    """
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    return _naive_to_utc(moment, zone)


@lru_cache(maxsize=1 << 16)
def _naive_to_utc(moment: datetime, zone: ZoneInfo) -> datetime:
    """:func:`to_utc` of a naive time, once per distinct (zone, local time).

    Thousands of agents state windows on the same half-hours of the same days in a few
    zones, and each conversion is two zone look-ups (about a third of building a model's
    inputs at 1,000 agents, measured). The answer does not depend on ``fold`` (a naive
    time is read as its first occurrence either way) and equal naive times hash alike
    whatever their fold, so the cache key is exact. A skipped time raises, which is
    never cached: it raises again on every call.
    """
    if not exists(moment, zone):
        raise NonexistentLocalTime(moment, zone)
    return moment.replace(tzinfo=zone, fold=0).astimezone(UTC)


def day_start_utc(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of a local date (its midnight, or the jump when midnight is skipped).

    ``fold=0`` places a skipped midnight with the offset in force before the jump, which is
    exactly the instant of the jump.
    """
    return datetime.combine(day, time(0)).replace(tzinfo=zone, fold=0).astimezone(UTC)


def to_local(moment: datetime, zone: ZoneInfo, *, later: bool) -> datetime:
    """An instant as a naive local time that :func:`to_utc` reads back to that instant.

    Exact except in the second pass of a repeated hour, which a naive time cannot name:
    there ``later`` picks the end of the repeat, otherwise the time is read in the first
    pass (an hour earlier). A clipped window start rounds later and a clipped end earlier,
    so the window never grows past the edge it was clipped to.
    """
    naive = moment.astimezone(zone).replace(tzinfo=None, fold=0)
    if to_utc(naive, zone) == moment.astimezone(UTC) or not later:
        return naive
    probe = moment
    while to_utc(naive, zone) < moment.astimezone(UTC):
        probe += timedelta(minutes=1)
        naive = probe.astimezone(zone).replace(tzinfo=None, fold=0)
    return naive
