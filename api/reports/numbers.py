"""Numbers and times as a person reads them, in their locale (Babel): the one place for it.

Every figure that reaches a person (a web page, a CLI summary, the absences page) goes
through these functions, so that ``0.0104`` reads ``1.0 %`` (``1,0 %`` in French), a
coverage of ``98.40743198407432`` reads ``98.4 %`` and an instant stored in UTC reads in the
zone of the person it concerns. Machines keep the raw values (the JSON API, CSV files).

``locale`` is a Babel locale name (``"en"``, ``"fr"``, ``"en_GB"``); the CLI speaks English.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_decimal

CLI_LOCALE = "en"
NO_VALUE = "—"


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def decimal(value: float | None, locale: str, decimals: int = 2) -> str:
    """``value`` with grouping and exactly ``decimals`` decimals; a dash when there is none."""
    if value is None or not math.isfinite(value):
        return NO_VALUE
    return format_decimal(value, format=_pattern(decimals), locale=locale)


def percent(fraction: float | None, locale: str, decimals: int = 1) -> str:
    """A fraction (``0.0104``) as a percentage (``1.0 %``), spaced as the locale spaces it.

    Babel's own percent patterns round to whole percents; a gap or a coverage needs a decimal,
    so the number is formatted as a decimal and the locale's percent sign follows it, with the
    narrow no-break space French typography asks for.
    """
    if fraction is None or not math.isfinite(fraction):
        return NO_VALUE
    number = decimal(100 * fraction, locale, decimals)
    separator = "\u202f" if locale.lower().startswith("fr") else " "
    return f"{number}{separator}%"


def percent_points(value: float | None, locale: str, decimals: int = 1) -> str:
    """A value already in percent (a coverage of ``98.407``) as ``98.4 %``."""
    return percent(None if value is None else value / 100, locale, decimals)


def hours(value: float | None, locale: str, decimals: int = 1) -> str:
    """Hours as ``1,234.5 h`` (``1 234,5 h``)."""
    if value is None or not math.isfinite(value):
        return NO_VALUE
    return f"{decimal(value, locale, decimals)} h"


def seconds(value: float | None, locale: str, decimals: int = 1) -> str:
    """Elapsed seconds as ``12.3 s``."""
    if value is None or not math.isfinite(value):
        return NO_VALUE
    return f"{decimal(value, locale, decimals)} s"


def money(amount: float | None, locale: str) -> str:
    """An amount in the problem's currency units (no symbol: the problem names none)."""
    return decimal(amount, locale, 2)


def _in_zone(moment: datetime, zone: str) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(zone))


def moment(value: datetime | None, zone: str, locale: str) -> str:
    """A UTC instant (naive ones are UTC) as a date and time in ``zone``, with the zone's name.

    ``2026-03-02 08:00 UTC`` for an agent in Paris reads ``2 Mar 2026, 09:00 (Europe/Paris)``.
    """
    if value is None:
        return NO_VALUE
    local = _in_zone(value, zone)
    day = format_date(local, "medium", locale=locale)
    clock = format_time(local, "HH:mm", locale=locale)
    joined = str(get_datetime_format("medium", locale=locale)).format(clock, day)
    return f"{joined} ({zone})"


def time_of_day(value: datetime, zone: str, locale: str) -> str:
    """The wall-clock time of a UTC instant in ``zone``, as the locale writes it (``09:00``)."""
    return format_time(_in_zone(value, zone), "HH:mm", locale=locale)


class Formatter:
    """The functions above bound to one locale, as pages call them (``n.percent(x)``)."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def decimal(self, value: float | None, decimals: int = 2) -> str:
        return decimal(value, self.locale, decimals)

    def percent(self, fraction: float | None, decimals: int = 1) -> str:
        return percent(fraction, self.locale, decimals)

    def percent_points(self, value: float | None, decimals: int = 1) -> str:
        return percent_points(value, self.locale, decimals)

    def hours(self, value: float | None, decimals: int = 1) -> str:
        return hours(value, self.locale, decimals)

    def seconds(self, value: float | None, decimals: int = 1) -> str:
        return seconds(value, self.locale, decimals)

    def money(self, amount: float | None) -> str:
        return money(amount, self.locale)

    def moment(self, value: datetime | None, zone: str) -> str:
        return moment(value, zone, self.locale)

    def time_of_day(self, value: datetime, zone: str) -> str:
        return time_of_day(value, zone, self.locale)
