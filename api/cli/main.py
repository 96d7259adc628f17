"""The ``homeshore`` command line: one module per sub-command.

Each command module exposes ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int`` (the process exit code). Command modules import heavy packages (the
solver, the web stack) inside ``run`` so that ``homeshore --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS: dict[str, str] = {
    "solve": "api.cli.solve_command",
    "verify": "api.cli.verify_command",
    "db": "api.cli.db_command",
    "serve": "api.cli.serve_command",
    "users": "api.cli.users_command",
    "worker": "api.cli.worker_command",
    "replan": "api.cli.replan_command",
    "erlang": "api.cli.erlang_command",
    "staff": "api.cli.staff_command",
    "schema": "api.cli.schema_command",
}


def build_parser(commands: dict[str, str] = COMMANDS) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="homeshore", description="Workforce scheduling for home-based contact-centre agents."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in commands.items():
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
