"""The cached local-to-UTC conversion (solver.local_time.to_utc) against zoneinfo itself.

The cache is keyed by (naive time, zone); these tests walk every quarter hour of the
days around each clock change of 2026 in Europe/Paris and Africa/Casablanca (which also
changes twice around Ramadan), ask each time twice (the second answer comes from the
cache) and with ``fold=1`` (which the key cannot tell apart), and compare with the rule
read straight from zoneinfo: a time the clocks skip raises, a repeated one is its first
occurrence.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from solver.local_time import NonexistentLocalTime, to_utc


def _changes(zone: ZoneInfo, year: int) -> list[datetime]:
    """UTC hours after which the zone's offset differs from the hour before."""
    moment = datetime(year, 1, 1, tzinfo=UTC)
    found = []
    while moment.year == year:
        after = moment + timedelta(hours=1)
        if moment.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            found.append(after)
        moment = after
    return found


def _expected(naive: datetime, zone: ZoneInfo) -> datetime | None:
    """zoneinfo's own reading: None when the clocks never show ``naive``."""
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    second = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    shown = [m for m in (first, second) if m.astimezone(zone).replace(tzinfo=None) == naive]
    return min(shown) if shown else None


@pytest.mark.parametrize(("zone_name", "changes"), [("Europe/Paris", 2), ("Africa/Casablanca", 2)])
def test_cached_conversion_equals_zoneinfo_on_both_sides_of_each_change(
    zone_name: str, changes: int
) -> None:
    zone = ZoneInfo(zone_name)
    found = _changes(zone, 2026)
    assert len(found) >= changes, f"no clock change of {zone_name} in 2026 to test"
    skipped = repeated = 0
    for change in found:
        local_day = change.astimezone(zone).date()
        start = datetime.combine(local_day - timedelta(days=1), datetime.min.time())
        for step in range(3 * 24 * 4):
            naive = start + timedelta(minutes=15 * step)
            expected = _expected(naive, zone)
            for _ in range(2):  # the first call fills the cache, the second reads it
                for asked in (naive, naive.replace(fold=1)):
                    if expected is None:
                        with pytest.raises(NonexistentLocalTime):
                            to_utc(asked, zone)
                    else:
                        assert to_utc(asked, zone) == expected, asked
            if expected is None:
                skipped += 1
            elif (
                naive.replace(tzinfo=zone, fold=1).utcoffset()
                != naive.replace(tzinfo=zone).utcoffset()
            ):
                repeated += 1
    assert skipped and repeated  # both kinds of change were walked through


def test_cache_tells_zones_and_dates_apart() -> None:
    naive = datetime.combine(date(2026, 3, 29), datetime.min.time()).replace(hour=3)
    paris, casablanca = ZoneInfo("Europe/Paris"), ZoneInfo("Africa/Casablanca")
    assert to_utc(naive, paris) == datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert to_utc(naive, casablanca) == _expected(naive, casablanca)
    assert to_utc(naive, paris) != to_utc(naive, casablanca)
    assert to_utc(naive - timedelta(days=1), paris) == datetime(2026, 3, 28, 2, tzinfo=UTC)
