"""Rendering a page: the Jinja environment, the page's language and the security headers."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.requests import Request

from api.reports.numbers import Formatter
from api.web import i18n

TEMPLATES = Path(__file__).parent / "templates"

# Every asset is ours and served from this origin: the pages need nothing from elsewhere,
# and the browser is told to refuse anything else. Plotly sets inline styles on its SVG.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _json_script(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">`` (no ``</script>`` breakout)."""
    text = json.dumps(value, separators=(",", ":"), default=str)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _day(moment: datetime) -> str:
    return moment.strftime("%a %Y-%m-%d")


environment.filters["json_script"] = _json_script
environment.filters["hhmm"] = _hhmm
environment.filters["day"] = _day


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template`` rendered in the request's language, with ``context``."""
    language = i18n.language_of(request)

    def url_with(**params: Any) -> str:
        query = {**request.query_params, **{k: v for k, v in params.items()}}
        kept = {k: v for k, v in query.items() if v not in (None, "")}
        return f"{request.url.path}?{urlencode(kept)}" if kept else request.url.path

    html = environment.get_template(template).render(
        request=request,
        t=i18n.translator(language),
        lang=language,
        num=Formatter(language),
        languages=i18n.LANGUAGES,
        caller=getattr(request.state, "page_caller", None),
        url_with=url_with,
        **context,
    )
    response = HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)
    if request.query_params.get("lang") == language:
        response.set_cookie(
            i18n.LANGUAGE_COOKIE, language, max_age=365 * 86400, samesite="strict", httponly=True
        )
    return response
