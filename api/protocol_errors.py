"""HTTP-level refusals in the project's error format, and complete ``Allow`` headers.

FastAPI and Starlette answer some requests before any endpoint runs: a body that is not
UTF-8, nested too deeply for the JSON parser, or cut off by the size limit came back as
400 ``{"detail": "There was an error parsing the body"}``, an unknown path as 404
``{"detail": "Not Found"}``, and a method a path lacks as 405 whose ``Allow`` named only
the methods of the first route on that path. Under the API prefix each becomes the usual
``{"detail": [{loc, field, msg, type}]}``; ``OPTIONS`` is answered 204 with every method
of the path.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from api.body_limit import BodyTooLarge, too_large_detail


def _error(
    status: int, field: str, msg: str, kind: str, headers: dict[str, str] | None = None
) -> Response:
    detail = [{"loc": [field], "field": field, "msg": msg, "type": kind}]
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


PROBED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route serves on this path, plus OPTIONS; none for an unknown path.

    Each method is tried against the app's routes (``BaseRoute.matches``, the router's own
    test), so included routers and prefixes are seen exactly as routing sees them."""
    methods = {
        method
        for method in PROBED_METHODS
        for route in app.router.routes
        if not isinstance(route, Mount)
        and route.matches({**request.scope, "method": method})[0] is Match.FULL
    }
    return sorted(methods | {"OPTIONS"}) if methods else []


def _parse_failure(exc: BaseException | None) -> tuple[int, str, str]:
    if isinstance(exc, BodyTooLarge):
        return 413, too_large_detail(exc.max_bytes), "too_large"
    if isinstance(exc, UnicodeDecodeError):
        return 422, "the body is not UTF-8 text", "json_invalid"
    if isinstance(exc, RecursionError):
        return 422, "the body is nested too deeply to parse", "json_invalid"
    return 422, "the body is not valid JSON", "json_invalid"


def install_protocol_errors(app: FastAPI, api_prefix: str) -> None:
    async def on_http_exception(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 405:
            allow = ", ".join(allowed_methods(app, request))
            if request.method == "OPTIONS":
                return Response(status_code=204, headers={"Allow": allow})
            if request.url.path.startswith(api_prefix + "/"):
                reason = f"{request.method} is not allowed here"
                return _error(405, "path", reason, "method_not_allowed", {"Allow": allow})
            return Response("Method Not Allowed", status_code=405, headers={"Allow": allow})
        if not request.url.path.startswith(api_prefix + "/"):
            return await http_exception_handler(request, exc)
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            status, msg, kind = _parse_failure(exc.__cause__)
            return _error(status, "body", msg, kind)
        if exc.status_code == 404:
            return _error(404, "path", f"no such path {request.url.path}", "not_found")
        return _error(
            exc.status_code, "request", str(exc.detail), "http_error", dict(exc.headers or {})
        )

    app.add_exception_handler(StarletteHTTPException, on_http_exception)
