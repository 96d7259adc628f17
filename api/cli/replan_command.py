"""``homeshore replan PERIOD_ID``: re-plan one period now, in the foreground.

What the jobs do after an absence, for a planner at a terminal (or a cron outside the
worker): heal the published roster into a new draft and print the changes per agent.
Exit status: 0 with a draft, 1 when the re-plan failed or found no roster, 2 when skipped.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

HELP = "Re-plan a period from its published roster now; store the result as a draft."


def register(app: typer.Typer) -> None:
    app.command("replan", help=HELP)(replan)


def replan(
    period_id: Annotated[int, typer.Argument(metavar="PERIOD_ID", show_default=False)],
    time_limit: Annotated[
        float | None,
        typer.Option(help="Seconds (default HOMESHORE_REPLAN_TIME_LIMIT_SECONDS)."),
    ] = None,
) -> int:
    from api.db.base import utc_now
    from api.db.database import Database
    from api.db.engine import make_engine
    from api.errors import ServiceError
    from api.replans.service import replan_period
    from api.reports.numbers import CLI_LOCALE, percent_points
    from api.settings import Settings
    from api.solves.execution import execution_for

    settings = Settings()
    if time_limit is not None:
        if not 0 < time_limit <= 3600:
            print(
                f"homeshore replan: --time-limit must be in (0, 3600] seconds, got {time_limit:g}",
                file=sys.stderr,
            )
            return 2
        settings = settings.model_copy(update={"replan_time_limit_seconds": time_limit})
    engine = make_engine(settings.database_url)
    database = Database(engine)
    executor = execution_for(database, settings, processes=1)
    try:
        outcome = replan_period(database, executor, settings, period_id, "manual", utc_now)
    except ServiceError as exc:
        print(f"homeshore replan: cannot re-plan period {period_id}: {exc}", file=sys.stderr)
        return 2
    finally:
        executor.shutdown()
        engine.dispose()
    print(
        f"period {outcome.period_id}: {outcome.status}"
        + (f" ({outcome.reason})" if outcome.reason else "")
    )
    if outcome.roster_id is not None:
        print(f"draft roster {outcome.roster_id} from solve run {outcome.run_id}")
        before = percent_points(outcome.coverage_before, CLI_LOCALE, 2)
        after = percent_points(outcome.coverage_after, CLI_LOCALE, 2)
        print(f"coverage {before} -> {after}")
    for change in outcome.changes:
        before = change["before"] and f"{change['before']['start']}-{change['before']['end']}"
        after = change["after"] and f"{change['after']['start']}-{change['after']['end']}"
        print(f"  {change['agent_id']}: {change['kind']} {before or ''} -> {after or ''}")
    return {"drafted": 0, "skipped": 2}.get(outcome.status, 1)
