"""``homeshore schema``: print the JSON Schema of the problem or roster format.

The files in docs/ are this command's output; a test keeps them current.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

import typer

HELP = "Print the JSON Schema of the input (problem) or output (roster) format."


def register(app: typer.Typer) -> None:
    app.command("schema", help=HELP)(schema)


def schema_text(format_name: str) -> str:
    from solver.problem import Problem
    from solver.roster import Roster

    model = Problem if format_name == "problem" else Roster
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def schema(
    format_name: Annotated[
        Literal["problem", "roster"], typer.Argument(metavar="[problem|roster]")
    ] = "problem",
) -> int:
    print(schema_text(format_name), end="")
    return 0
