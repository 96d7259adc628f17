"""Where people work: the one check of time-zone names and country codes.

The problem format and the API's wire schemas both call these, so a zone or a country the
API accepts is one a solve accepts, and the reverse. Countries come from ISO 3166-1 as
``pycountry`` maintains it: a pattern of two capitals let ``ZZ`` through.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pycountry


def check_time_zone(name: str) -> str:
    """``name`` if it is an IANA time zone this machine knows; else ValueError."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA time zone {name!r}") from exc
    return name


def check_country(code: str) -> str:
    """``code`` if it is an assigned ISO 3166-1 alpha-2 code (upper case); else ValueError."""
    if len(code) != 2 or not code.isupper() or pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code
