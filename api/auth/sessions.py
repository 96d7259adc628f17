"""Browser sessions: a signed cookie naming a stored session, and the CSRF token derived from it.

The cookie holds ``key_id.expires.nonce.signature`` and nothing secret; the signature is an
HMAC of the rest under ``HOMESHORE_SESSION_SECRET``, so it cannot be forged or extended.
The nonce names a row of ``web_sessions``: logging out, or ending the agent, deletes the row,
so a copied cookie stops working at once (see api.auth.service). Every request still looks
the key up too, so revoking a key ends its sessions as well.

Pages send changes with the CSRF token in ``X-CSRF-Token`` (JavaScript) or a hidden
``csrf_token`` field (plain forms). The token is an HMAC of the cookie itself, so another
site can neither read nor compute it, and it changes with every login.

Cookie and token arrive as whatever text the client sent (headers are read as Latin-1), so
every comparison here is on bytes: anything malformed is simply "no session", never an error.
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
MAX_COOKIE_LENGTH = 256


@dataclass(frozen=True)
class WebSession:
    """What a valid cookie says: which key logged in, until when, and which stored session."""

    key_id: int
    expires_at: int
    nonce: str


@dataclass(frozen=True)
class IssuedSession:
    """A new cookie value and the session it names, for the caller to store."""

    cookie: str
    session: WebSession


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _sign(secret: str, text: str) -> str:
    return hmac.new(_bytes(secret), _bytes(text), hashlib.sha256).hexdigest()


def _equal(given: str, expected: str) -> bool:
    return hmac.compare_digest(_bytes(given), _bytes(expected))


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 18


def issue(secret: str, key_id: int, now: datetime, lifetime: timedelta) -> IssuedSession:
    """A new cookie for ``key_id``, valid for ``lifetime`` from ``now``."""
    expires_at = int((now + lifetime).timestamp())
    nonce = secrets.token_urlsafe(12)
    body = f"{key_id}.{expires_at}.{nonce}"
    cookie = f"{body}.{_sign(secret, 'session|' + body)}"
    return IssuedSession(cookie, WebSession(key_id=key_id, expires_at=expires_at, nonce=nonce))


def read(secret: str, value: str | None, now: datetime) -> WebSession | None:
    """The session a cookie carries, or None if it is malformed, forged or expired."""
    if not value or len(value) > MAX_COOKIE_LENGTH:
        return None
    body, _, signature = value.rpartition(".")
    if not _equal(signature, _sign(secret, "session|" + body)):
        return None
    parts = body.split(".")
    if len(parts) != 3 or not (_is_number(parts[0]) and _is_number(parts[1])) or not parts[2]:
        return None
    key_id, expires_at, nonce = int(parts[0]), int(parts[1]), parts[2]
    if expires_at <= now.timestamp():
        return None
    return WebSession(key_id=key_id, expires_at=expires_at, nonce=nonce)


def csrf_token(secret: str, cookie_value: str) -> str:
    """The token a page must send back with every change made under this cookie."""
    return _sign(secret, "csrf|" + cookie_value)


def csrf_matches(secret: str, cookie_value: str, token: str | None) -> bool:
    return bool(token) and _equal(str(token), csrf_token(secret, cookie_value))
