"""Reading the JSON files a user hands the CLI, with errors that name file, field and reason.

A malformed file is the user's mistake, not a crash: every problem comes back as one
:class:`InputFileError` whose message lists each bad field, so the CLI can print it and
exit with status 2 instead of showing a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)
MAX_LISTED_ERRORS = 20


class InputFileError(Exception):
    """A file that cannot be read or does not match its format; ``str()`` is for people."""


def field_path(location: tuple[int | str, ...]) -> str:
    """A pydantic error location as ``agents[3].availability[0].start``."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def describe_validation_error(path: Path, error: ValidationError) -> str:
    errors = error.errors(include_url=False)
    lines = [f"{path}: {len(errors)} invalid field(s):"]
    for item in errors[:MAX_LISTED_ERRORS]:
        lines.append(f"  {field_path(tuple(item['loc']))}: {item['msg']}")
    if len(errors) > MAX_LISTED_ERRORS:
        lines.append(f"  ... and {len(errors) - MAX_LISTED_ERRORS} more")
    return "\n".join(lines)


def read_input(path: Path) -> str:
    """The text of a file the user named; :class:`InputFileError` when it is missing,
    unreadable or not UTF-8 (every command reads its files through this)."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{path}: cannot read file: not UTF-8 text (byte {exc.start})"
        ) from exc
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read file: {exc}") from exc


def load_model(path: Path, model: type[Model]) -> Model:
    """Parse ``path`` as JSON into ``model``; raise :class:`InputFileError` on any problem."""
    text = read_input(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputFileError(describe_validation_error(path, exc)) from exc
