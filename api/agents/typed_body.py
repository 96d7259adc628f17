"""The wire body an agent typed as text stands for: a row of the agents CSV or the people
page's form.

Both are read the same way so that a file and the form accept the same agent: numbers take
a decimal comma, an empty contract minimum is 0, an empty weekly aid cap is no cap. What
the text is not read into (a number that is no number) is passed on as text, for
``AgentCreate`` / ``AgentUpdate`` to refuse naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def typed_number(text: str) -> float | str | None:
    """A number as typed (decimal comma accepted); empty is none, anything else is kept."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return cleaned


def agent_body(
    cells: Mapping[str, str], skills: list[str], accepts_changes: bool
) -> dict[str, Any]:
    """The body of the columns ``name``, ``time_zone``, ``country``, ``hourly_cost``,
    ``contract_min``, ``contract_max``, ``aid_cap_week`` and ``aid_cap_day`` (a missing one
    is empty); skills and the consent to changes are written differently by each source."""
    body: dict[str, Any] = {
        "name": cells.get("name", ""),
        "time_zone": cells.get("time_zone", ""),
        "country": cells.get("country", "").upper(),
        "skills": skills,
        "hourly_cost": typed_number(cells.get("hourly_cost", "")),
        "contract": {
            "min_hours_per_week": typed_number(cells.get("contract_min", "")) or 0,
            "max_hours_per_week": typed_number(cells.get("contract_max", "")),
        },
        "accepts_changes": accepts_changes,
    }
    week = typed_number(cells.get("aid_cap_week", ""))
    if week is not None:
        body["aid_cap"] = {
            "max_hours_per_week": week,
            "max_hours_per_day": typed_number(cells.get("aid_cap_day", "")),
        }
    return body
