"""Secrets kept out of the logs: calendar-feed URLs, API keys, cookies, secret query values.

The access log writes every request's path and query string, and a calendar feed's URL is
its own credential: whoever reads the log could subscribe to that agent's shifts. One
filter, on every handler of the serving process (uvicorn's access and error logs and our
own ``api`` and ``scheduler`` loggers), rewrites each record before it is written.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

REDACTED = "[redacted]"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # A calendar feed's path is the token itself, whatever it looks like.
    (re.compile(r"(/calendar/)[^/?#\s\"']+(\.ics)"), rf"\g<1>{REDACTED}\g<2>"),
    # Our secrets by their prefixes: API keys (hs_...) and feed tokens (hsfeed_...).
    (re.compile(r"\b(hsfeed_|hs_)[A-Za-z0-9_\-]{8,}"), rf"\g<1>{REDACTED}"),
    # Query values whose names say they are secret (token, key, secret, password, ...).
    (
        re.compile(
            r"([?&;][A-Za-z0-9_.\-]*(?:token|key|secret|password|passwd|signature|session|auth)"
            r"[A-Za-z0-9_.\-]*=)[^&;#\s\"']*",
            re.IGNORECASE,
        ),
        rf"\g<1>{REDACTED}",
    ),
    (re.compile(r"(\bBearer\s+)[^\s\"',]+", re.IGNORECASE), rf"\g<1>{REDACTED}"),
    (re.compile(r"(homeshore_session=)[^;\s\"']+"), rf"\g<1>{REDACTED}"),
)


def redact(text: str) -> str:
    """``text`` with every secret we know how to recognise replaced by ``[redacted]``."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _redacted_argument(value: Any) -> Any:
    if value is None or isinstance(value, int | float):
        return value
    text = str(value)
    clean = redact(text)
    return value if clean == text else clean


class RedactSecrets(logging.Filter):
    """Rewrites a record's message, arguments and traceback text; never drops a record.

    Arguments are redacted one by one rather than merged into the message, because
    uvicorn's access formatter reads them by position.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted_argument(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redacted_argument(v) for k, v in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(self._formatter.formatException(record.exc_info))
        return True


def logging_config(level: str) -> dict[str, Any]:
    """uvicorn's logging configuration with the filter on every handler, and our own loggers
    written through the same handler at ``level`` (so they are redacted too)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact_secrets": {"()": RedactSecrets}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact_secrets"]
    for name in ("api", "scheduler"):
        config["loggers"][name] = {"handlers": ["default"], "level": level.upper()}
    return config


def redact_root_handlers() -> None:
    """For processes configured with ``logging.basicConfig`` (the worker)."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactSecrets())
