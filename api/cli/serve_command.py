"""``homeshore serve``: run the HTTP API with uvicorn, in one or several processes."""

from __future__ import annotations

from typing import Annotated

import typer

HELP = "Serve the HTTP API (uvicorn); settings come from HOMESHORE_* variables."


def register(app: typer.Typer) -> None:
    app.command("serve", help=HELP)(serve)


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default HOMESHORE_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default HOMESHORE_PORT).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Server processes (default HOMESHORE_SERVER_WORKERS)."),
    ] = None,
) -> int:
    from api.cli.database import require_migrated
    from api.db.engine import make_engine
    from api.server import serve as serve_api
    from api.settings import get_settings

    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:  # one sentence now, rather than uvicorn's start-up traceback
        require_migrated(engine)
    finally:
        engine.dispose()
    serve_api(settings, workers=workers, host=host, port=port)
    return 0
