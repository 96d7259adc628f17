"""Marks the tests that use a database, so that the PostgreSQL pass runs only those.

Why: `make test` runs the suite on SQLite, then again on PostgreSQL (CI). Most of the
suite never opens a database (the solver, the verifier, forecasts, staffing); running it a
second time doubled CI for nothing. A test uses a database when its own code or any
fixture it depends on (transitively) calls ``tests.api.databases.fresh_database``; such a
test gets the ``database`` marker, found from the code, so that no list of names can go
stale. The PostgreSQL pass is ``pytest -m database``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache

import pytest

OPENS_A_DATABASE = "fresh_database("


@cache
def _calls_fresh_database(function: Callable[..., object]) -> bool:
    try:
        return OPENS_A_DATABASE in inspect.getsource(function)
    except (OSError, TypeError):  # built-in fixtures (tmp_path, ...) have no source here
        return False


def uses_database(item: pytest.Item) -> bool:
    """True when the test or a fixture in its closure opens a fresh database."""
    function = getattr(item, "function", None)
    if function is not None and _calls_fresh_database(function):
        return True
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(
        _calls_fresh_database(definition.func)
        for definitions in info.name2fixturedefs.values()
        for definition in definitions
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if uses_database(item):
            item.add_marker(pytest.mark.database)
