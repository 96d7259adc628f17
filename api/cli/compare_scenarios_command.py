"""``homeshore compare-scenarios PERIOD_ID``: a period's scenarios side by side.

The same comparison as ``GET /periods/{id}/scenarios/compare`` (``api.scenarios.service.
compare``): per column the newest roster's labour cost, coverage, expected service level,
hours per country and who answers each queue, with the difference to the baseline.
Exit status 0, or 2 for an unknown period or a database not yet migrated.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from api.scenarios.schemas import ScenarioComparison

HELP = "Compare a period with its what-if scenarios (cost, coverage, service, countries)."


def register(app: typer.Typer) -> None:
    app.command("compare-scenarios", help=HELP)(compare_scenarios)


def compare_scenarios(
    period_id: Annotated[int, typer.Argument(metavar="PERIOD_ID", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
) -> int:
    from api.cli.database import configured_session
    from api.errors import ServiceError
    from api.scenarios.service import compare

    try:
        with configured_session(write=False) as session:
            comparison = compare(session, period_id)
    except ServiceError as exc:
        print(f"homeshore compare-scenarios: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(comparison.model_dump_json(indent=1))
    else:
        print("\n".join(comparison_lines(comparison)))
    return 0


def comparison_lines(comparison: ScenarioComparison) -> list[str]:
    """One block per column, the baseline first."""
    lines = []
    for column in comparison.columns:
        title = "baseline" if column.is_baseline else "scenario"
        lines.append(f"{title} period {column.period_id} {column.name!r}".rstrip())
        if column.roster_id is None:
            lines.append("  no roster yet: solve it first")
            continue
        cost = f"{column.labour_cost:,.2f}" if column.labour_cost is not None else "n/a"
        if column.cost_difference is not None:
            cost += f" ({column.cost_difference:+,.2f}"
            if column.cost_difference_percent is not None:
                cost += f", {column.cost_difference_percent:+.1f} %"
            cost += ")"
        coverage = "n/a" if column.coverage_percent is None else f"{column.coverage_percent:.1f} %"
        if column.coverage_difference is not None:
            coverage += f" ({column.coverage_difference:+.1f} points)"
        level = column.expected_service_level
        service = "n/a (no forecast)" if level is None else f"{level:.1%}"
        if column.service_level_difference is not None:
            service += f" ({100 * column.service_level_difference:+.1f} points)"
        countries = ", ".join(f"{c} {h:g} h" for c, h in column.hours_by_country.items())
        lines += [
            f"  roster {column.roster_id}: labour cost {cost}",
            f"  coverage {coverage}, expected service level {service}",
            f"  hours per country: {countries or 'none'}",
        ]
        for notice in column.caller_notice:
            answered = ", ".join(notice.hours_by_country) or "nobody"
            lines.append(f"  {notice.queue} answered from {answered}")
    return lines
