"""``homeshore schema``: print the JSON Schema of the problem or roster format.

The files in docs/ are this command's output; a test keeps them current.
"""

from __future__ import annotations

import argparse
import json

HELP = "Print the JSON Schema of the input (problem) or output (roster) format."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=("problem", "roster"), nargs="?", default="problem")


def schema_text(format_name: str) -> str:
    from solver.problem import Problem
    from solver.roster import Roster

    model = Problem if format_name == "problem" else Roster
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    print(schema_text(args.format), end="")
    return 0
