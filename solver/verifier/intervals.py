"""Half-open spans of absolute time as integer seconds: merge, contain, measure.

The verifier works in whole seconds since the Unix epoch so that every comparison is exact
integer arithmetic, whatever time zone a datetime was written in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

Interval = tuple[int, int]


def merged(spans: Iterable[Interval]) -> list[Interval]:
    """The union of spans as sorted, disjoint spans; touching spans are joined."""
    result: list[Interval] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def covers(union: list[Interval], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies wholly inside ``union`` (sorted, disjoint, joined)."""
    index = bisect_right(union, (start, 2**62)) - 1
    return index >= 0 and union[index][0] <= start and end <= union[index][1]


def overlap_seconds(union: list[Interval], start: int, end: int) -> int:
    """Seconds of ``[start, end)`` that fall inside ``union`` (sorted, disjoint)."""
    total = 0
    index = max(bisect_right(union, (start, 2**62)) - 1, 0)
    while index < len(union) and union[index][0] < end:
        low, high = max(start, union[index][0]), min(end, union[index][1])
        if high > low:
            total += high - low
        index += 1
    return total


def gaps(outer: Interval, holes: list[Interval]) -> list[Interval]:
    """The parts of ``outer`` not covered by ``holes`` (sorted, disjoint), in order."""
    result: list[Interval] = []
    cursor = outer[0]
    for start, end in holes:
        if start > cursor:
            result.append((cursor, min(start, outer[1])))
        cursor = max(cursor, end)
        if cursor >= outer[1]:
            break
    if cursor < outer[1]:
        result.append((cursor, outer[1]))
    return [(s, e) for s, e in result if e > s]
