"""``homeshore serve``: run the HTTP API with uvicorn."""

from __future__ import annotations

import argparse

HELP = "Serve the HTTP API (uvicorn); settings come from HOMESHORE_* variables."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=None, help="Bind address (default HOMESHORE_HOST).")
    parser.add_argument("--port", type=int, default=None, help="Port (default HOMESHORE_PORT).")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.log_redaction import logging_config
    from api.settings import get_settings

    settings = get_settings()
    uvicorn.run(
        create_app(settings),
        host=args.host or settings.host,
        port=args.port or settings.port,
        log_level="info",
        log_config=logging_config("info"),
    )
    return 0
