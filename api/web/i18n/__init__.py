"""Page texts in English and French, and which language a request gets.

The language comes from ``?lang=``, then the ``homeshore_lang`` cookie (set when ``?lang=``
is used), then ``Accept-Language``, then English. Catalogs are flat JSON objects with the
same keys; a test holds them in step with each other and with the templates. A language's
catalog is ``{language}.json`` plus any ``{part}.{language}.json`` beside it (one part per
feature, so that features add texts without editing one shared file); a key defined twice is
an error, never a silent override.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from starlette.requests import Request

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "homeshore_lang"
_DIRECTORY = Path(__file__).parent


@cache
def catalog(language: str) -> dict[str, str]:
    files = [_DIRECTORY / f"{language}.json", *sorted(_DIRECTORY.glob(f"*.{language}.json"))]
    texts: dict[str, str] = {}
    for path in files:
        part: dict[str, str] = json.loads(path.read_text("utf-8"))
        twice = sorted(set(part) & set(texts))
        if twice:
            raise ValueError(f"{path.name} defines keys already defined: {', '.join(twice)}")
        texts.update(part)
    return texts


def language_of(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(LANGUAGE_COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return _from_accept_language(request.headers.get("accept-language", ""))


def _from_accept_language(header: str) -> str:
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower()[:2]))
    for _quality, _position, language in sorted(ranked):
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE


def translator(language: str) -> Callable[..., str]:
    """``t("key", name=value)``: the text of ``key`` in ``language``, with values filled in."""
    texts = catalog(language)

    def translate(key: str, **values: Any) -> str:
        text = texts[key]
        return text.format(**values) if values else text

    return translate
