"""Manual adjustments: a manager's percentage uplift on a day or slot range.

Written on the command line as ``[QUEUE@]START[/END]=PERCENT``, site-local times:

* ``fr-sales@2026-12-01=+20``: 20 % more fr-sales contacts all day on 1 December;
* ``2026-12-01T10:00/2026-12-01T14:00=15``: 15 % more on every queue from 10:00 to 14:00;
* ``en-support@2026-12-02/2026-12-04=-10``: 10 % fewer from 2 to 4 December, inclusive.

A date alone as START means its midnight; a date alone as END means the end of that day.
Adjustments stack multiplicatively when they overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

import numpy as np
from pydantic import ValidationError

from solver.forecast.daily import FloatArray
from solver.forecast.model import Adjustment


def parse_adjustment(spec: str) -> Adjustment:
    """Read one ``[QUEUE@]START[/END]=PERCENT``; ValueError says what is wrong."""
    body, sep, percent_text = spec.rpartition("=")
    if not sep or not body:
        raise ValueError(f"adjustment {spec!r}: expected [QUEUE@]START[/END]=PERCENT")
    queue, at, span = body.rpartition("@")
    start_text, slash, end_text = span.partition("/")
    try:
        percent = float(percent_text.strip().rstrip("%"))
    except ValueError:
        raise ValueError(f"adjustment {spec!r}: percent {percent_text!r} is not a number") from None
    start = _moment(spec, start_text, end_of_day=False)
    end = _moment(spec, end_text if slash else start_text, end_of_day=True)
    try:
        return Adjustment(queue=queue if at else None, start=start, end=end, percent=percent)
    except ValidationError as exc:
        reasons = "; ".join(str(e["msg"]) for e in exc.errors())
        raise ValueError(f"adjustment {spec!r}: {reasons}") from None


def _moment(spec: str, text: str, *, end_of_day: bool) -> datetime:
    text = text.strip()
    try:
        if "T" in text or " " in text:
            return datetime.fromisoformat(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"adjustment {spec!r}: {text!r} is not a date or date-time") from None
    return datetime.combine(day + timedelta(days=1) if end_of_day else day, time(0))


def apply_adjustments(
    queue: str,
    contacts: FloatArray,
    slot_starts: Sequence[datetime],
    adjustments: Sequence[Adjustment],
) -> FloatArray:
    """Contacts of one queue with every adjustment covering a slot's local start applied."""
    factor = np.ones(len(slot_starts))
    for adjustment in adjustments:
        if adjustment.queue not in (None, queue):
            continue
        inside = np.array(
            [adjustment.start <= start < adjustment.end for start in slot_starts], dtype=bool
        )
        factor[inside] *= 1.0 + adjustment.percent / 100.0
    adjusted: FloatArray = contacts * factor
    return adjusted
