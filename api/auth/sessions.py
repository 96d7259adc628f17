"""Browser sessions: a signed cookie naming an API key, and the CSRF token derived from it.

The cookie holds ``key_id.expires.nonce.signature`` and nothing secret; the signature is an
HMAC of the rest under ``HOMESHORE_SESSION_SECRET``, so it cannot be forged or extended.
Every request still looks the key up, so revoking a key ends its sessions at once.

Pages send changes with the CSRF token in ``X-CSRF-Token`` (JavaScript) or a hidden
``csrf_token`` field (plain forms). The token is an HMAC of the cookie itself, so another
site can neither read nor compute it, and it changes with every login.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

COOKIE_NAME = "homeshore_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class WebSession:
    """What a valid cookie says: which key logged in, and until when."""

    key_id: int
    expires_at: int


def _sign(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def issue(secret: str, key_id: int, now: datetime, lifetime: timedelta) -> str:
    """A new cookie value for ``key_id``, valid for ``lifetime`` from ``now``."""
    body = f"{key_id}.{int((now + lifetime).timestamp())}.{secrets.token_urlsafe(12)}"
    return f"{body}.{_sign(secret, 'session|' + body)}"


def read(secret: str, value: str | None, now: datetime) -> WebSession | None:
    """The session a cookie carries, or None if it is malformed, forged or expired."""
    if not value or len(value) > 256:
        return None
    body, _, signature = value.rpartition(".")
    if not hmac.compare_digest(signature, _sign(secret, "session|" + body)):
        return None
    key_id, expires_at, _nonce = [*body.split("."), "", "", ""][:3]
    if not (key_id.isdigit() and expires_at.isdigit()):
        return None
    if int(expires_at) <= now.timestamp():
        return None
    return WebSession(key_id=int(key_id), expires_at=int(expires_at))


def csrf_token(secret: str, cookie_value: str) -> str:
    """The token a page must send back with every change made under this cookie."""
    return _sign(secret, "csrf|" + cookie_value)


def csrf_matches(secret: str, cookie_value: str, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(str(token), csrf_token(secret, cookie_value))
