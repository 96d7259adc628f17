"""``homeshore serve``: run the HTTP API with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

HELP = "Serve the HTTP API (uvicorn); settings come from HOMESHORE_* variables."


def register(app: typer.Typer) -> None:
    app.command("serve", help=HELP)(serve)


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default HOMESHORE_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default HOMESHORE_PORT).")] = None,
) -> int:
    import uvicorn

    from api.app import create_app
    from api.log_redaction import logging_config
    from api.settings import get_settings

    settings = get_settings()
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
        log_config=logging_config("info"),
    )
    return 0
