"""Corrections to the generated OpenAPI document so it describes what the API really does.

Pydantic documents ``datetime.time`` fields as JSON Schema ``format: time``, which is RFC
3339's *full-time* and requires a UTC offset. Opening hours are naive local times
("08:00:00"), so they are documented as ``partial-time`` with the pattern they follow.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

LOCAL_TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$"


def _fix_local_times(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("format") == "time" and node.get("type") == "string":
            node["format"] = "partial-time"
            node["pattern"] = LOCAL_TIME_PATTERN
        for value in node.values():
            _fix_local_times(value)
    elif isinstance(node, list):
        for value in node:
            _fix_local_times(value)


def install_openapi(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            _fix_local_times(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
