"""Figures for people: per locale, never raw floats, instants in the person's zone."""

from __future__ import annotations

from datetime import UTC, datetime

from api.reports import numbers


def test_percent_keeps_a_decimal_and_follows_the_locale() -> None:
    assert numbers.percent(0.0104, "en") == "1.0 %"
    assert numbers.percent(0.0104, "fr") == "1,0\u202f%"
    assert numbers.percent_points(98.40743198407432, "en") == "98.4 %"
    assert numbers.percent_points(98.40743198407432, "fr", 2) == "98,41\u202f%"


def test_grouping_decimals_hours_and_money() -> None:
    assert numbers.decimal(12345.678, "en") == "12,345.68"
    assert numbers.decimal(12345.678, "fr") == "12\u202f345,68"
    assert numbers.hours(7.25, "en") == "7.2 h"  # half-even, as Babel rounds
    assert numbers.hours(1234.5, "fr") == "1\u202f234,5 h"
    assert numbers.money(1234.5, "en") == "1,234.50"
    assert numbers.seconds(2.346, "en", 2) == "2.35 s"


def test_missing_or_non_finite_values_read_as_a_dash() -> None:
    assert numbers.percent(None, "en") == numbers.NO_VALUE
    assert numbers.decimal(float("nan"), "fr") == numbers.NO_VALUE
    assert numbers.hours(float("inf"), "en") == numbers.NO_VALUE
    assert numbers.moment(None, "UTC", "en") == numbers.NO_VALUE


def test_instants_read_in_the_zone_of_the_person_they_concern() -> None:
    winter = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
    assert numbers.moment(winter, "Europe/Paris", "en") == "Jan 7, 2030, 09:00 (Europe/Paris)"
    assert numbers.moment(winter, "Indian/Mauritius", "fr") == (
        "7 janv. 2030, 12:00 (Indian/Mauritius)"
    )
    naive_utc = datetime(2030, 7, 1, 8, 0)
    assert numbers.time_of_day(naive_utc, "Europe/Paris", "fr") == "10:00"
