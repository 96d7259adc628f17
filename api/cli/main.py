"""The ``homeshore`` command line (typer): one module per sub-command.

Each command module exposes ``register(app)``, which adds its command (or group) to the
application; a command returns the process exit code. Command modules import heavy packages
(the solver, the web stack) inside the command body so that ``homeshore --help`` stays fast.

A user's mistake on the command line (an unknown option, a missing or out-of-range value)
is one sentence on stderr and exit status 2, the convention argparse and the README use.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import typer
from pydantic import ValidationError

from api.cli.errors import CommandError

COMMAND_MODULES: tuple[str, ...] = (
    "api.cli.solve_command",
    "api.cli.verify_command",
    "api.cli.db_command",
    "api.cli.serve_command",
    "api.cli.users_command",
    "api.cli.worker_command",
    "api.cli.solve_worker_command",
    "api.cli.replan_command",
    "api.cli.erlang_command",
    "api.cli.staff_command",
    "api.cli.simulate_command",
    "api.cli.compare_scenarios_command",
    "api.cli.schema_command",
)
PROG = "homeshore"
USAGE_ERROR = 2


def build_app(modules: Sequence[str] = COMMAND_MODULES) -> typer.Typer:
    app = typer.Typer(
        name=PROG,
        help="Workforce scheduling for home-based contact-centre agents.",
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    for module_name in modules:
        importlib.import_module(module_name).register(app)
    return app


def usage_sentence(error: typer.TyperException) -> str:
    """``homeshore erlang: error: Invalid value for '--contacts': must be >= 0, got -3; ...``"""
    ctx = getattr(error, "ctx", None)
    where = ctx.command_path if ctx is not None else PROG
    message = " ".join(error.format_message().split()).rstrip(".")
    return f"{where}: error: {message}; see '{where} --help'."


def settings_sentence(error: ValidationError) -> str:
    """HOMESHORE_* variables that cannot be used, in one sentence (pydantic's text, trimmed)."""
    reasons = []
    for issue in error.errors():
        field = "_".join(str(part) for part in issue["loc"]).upper()
        reason = str(issue["msg"]).removeprefix("Value error, ")
        reasons.append(f"HOMESHORE_{field}: {reason}" if field else reason)
    return "cannot use these settings: " + "; ".join(reasons)


def main(argv: Sequence[str] | None = None) -> int:
    command = typer.main.get_command(build_app())
    try:
        code = command.main(args=argv, prog_name=PROG, standalone_mode=False)
    except typer.TyperException as exc:
        # Usage errors (unknown option, bad or missing value) carry exit code 2.
        if exc.exit_code == USAGE_ERROR:
            print(usage_sentence(exc), file=sys.stderr)
        else:
            print(f"{PROG}: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except CommandError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except typer.Abort:
        print(f"{PROG}: aborted", file=sys.stderr)
        return 130
    except ValidationError as exc:
        if exc.title != "Settings":
            raise
        print(f"{PROG}: {settings_sentence(exc)}", file=sys.stderr)
        return USAGE_ERROR
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
