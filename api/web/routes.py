"""Mounting the web interface on the FastAPI app: pages, static files, page errors."""

from __future__ import annotations

import inspect

from fastapi import FastAPI, Request
from fastapi.responses import Response

from api.errors import ServiceError
from api.web import (
    absence_pages,
    agent_pages,
    assets,
    coverage_pages,
    key_pages,
    login_pages,
    people_pages,
    period_pages,
    request_pages,
    roster_edit_pages,
    roster_pages,
    scenario_pages,
    solve_pages,
)
from api.web.page_auth import install_page_errors
from api.web.rendering import render


def install_web(app: FastAPI, api_prefix: str) -> None:
    for module in (
        login_pages,
        roster_pages,
        coverage_pages,
        solve_pages,
        absence_pages,
        agent_pages,
        request_pages,
        people_pages,
        key_pages,
        period_pages,
        scenario_pages,
        roster_edit_pages,
    ):
        app.include_router(module.router)
    assets.mount_static(app)
    install_page_errors(app)
    api_handler = app.exception_handlers[ServiceError]

    async def on_service_error(request: Request, exc: Exception) -> Response:
        """JSON under the API prefix, as always; a readable page anywhere else."""
        if request.url.path.startswith(api_prefix + "/") or request.url.path == api_prefix:
            answer = api_handler(request, exc)
            handled: Response = await answer if inspect.isawaitable(answer) else answer
            return handled
        assert isinstance(exc, ServiceError)
        return render(request, "problem.html", status_code=exc.status, issues=exc.issues)

    app.add_exception_handler(ServiceError, on_service_error)
