"""The JSON Schemas in docs/ are the formats the code reads: regenerate them when this fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli.schema_command import schema_text

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("name", ["problem", "roster"])
def test_exported_schema_is_current(name: str) -> None:
    exported = (DOCS / f"{name}.schema.json").read_text()
    assert exported == schema_text(name), (
        f"docs/{name}.schema.json is stale: run `homeshore schema {name} > docs/{name}.schema.json`"
    )


def test_every_problem_field_is_described() -> None:
    """Integrators read the schema: each field of the nested models says what it means."""
    import json

    schema = json.loads(schema_text("problem"))
    models = {**schema["$defs"], "Problem": schema}
    missing = [
        f"{model}.{field}"
        for model, body in models.items()
        for field, spec in body.get("properties", {}).items()
        if "description" not in spec and field not in ("id",)
    ]
    assert missing == []
