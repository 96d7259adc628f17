"""Value checks shared by the commands: a bad value is the user's mistake, reported by
``main`` as ``homeshore erlang: error: Invalid value for '--x': must be > 0, got -3`` with
exit status 2. Each function is a typer ``parser``: text in, checked value out."""

from __future__ import annotations

import math

from typer import BadParameter


def number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise BadParameter(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise BadParameter(f"not a finite number: {text!r}")
    return value


def positive(text: str) -> float:
    value = number(text)
    if value <= 0:
        raise BadParameter(f"must be > 0, got {text}")
    return value


def non_negative(text: str) -> float:
    value = number(text)
    if value < 0:
        raise BadParameter(f"must be >= 0, got {text}")
    return value


def fraction(text: str) -> float:
    """A share strictly between 0 and 1, e.g. a service level of 0.8."""
    value = number(text)
    if not 0 < value < 1:
        raise BadParameter(f"must be between 0 and 1 (e.g. 0.8), got {text}")
    return value


def occupancy(text: str) -> float:
    value = number(text)
    if not 0 < value <= 1:
        raise BadParameter(f"must be in (0, 1], got {text}")
    return value


def shrinkage(text: str) -> float:
    value = number(text)
    if not 0 <= value < 1:
        raise BadParameter(f"must be in [0, 1), got {text}")
    return value


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise BadParameter(f"not a whole number: {text!r}") from None
    if value < 0:
        raise BadParameter(f"must be >= 0, got {text}")
    return value
