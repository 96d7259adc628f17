"""``homeshore users create-key|list|revoke``: API keys, from a terminal on the server.

The commands act as the ``cli`` system actor in the audit trail: whoever can run them can
already read the database, so no API key is asked for.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    from datetime import datetime

    from api.db.models import ApiKey

HELP = "Mint, list and revoke API keys for managers, planners and agents."
COLUMNS = ("id", "prefix", "role", "agent", "label", "created", "revoked")


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=HELP)
    group.command("create-key", help="Mint a key; the secret is shown only once.")(create_key)
    group.command("list", help="Every key: id, prefix, role, agent, label, created, revoked.")(
        list_keys
    )
    group.command("revoke", help="Revoke a key by id; it stops working at once.")(revoke)
    app.add_typer(group, name="users")


def create_key(
    role: Annotated[
        Literal["manager", "planner", "agent", "telephony"], typer.Option(show_default=False)
    ],
    agent_id: Annotated[str | None, typer.Option(help="The agent an agent key acts as.")] = None,
    label: Annotated[str, typer.Option(help="Who or what the key is for.")] = "",
) -> int:
    from api.auth.keys import CLI_ACTOR
    from api.auth.service import mint_key
    from api.cli.database import configured_session
    from api.errors import ServiceError

    try:
        with configured_session(write=True) as session:
            key, secret = mint_key(session, CLI_ACTOR, role, agent_id, label)
            key_id = key.id
    except ServiceError as exc:
        print(f"homeshore users create-key: cannot create key: {exc}", file=sys.stderr)
        return 2
    print(f"key {key_id} ({role}); keep this secret, it is not stored:\n{secret}")
    return 0


def list_keys(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of keys.")] = False,
) -> int:
    import json

    from rich.console import Console
    from rich.table import Table

    from api.auth.service import list_keys as all_keys
    from api.cli.database import configured_session
    from api.cli.table_output import print_table

    with configured_session(write=False) as session:
        keys = all_keys(session)
    if as_json:
        print(json.dumps([key_row(key) for key in keys], indent=1))
        return 0
    table = Table(*COLUMNS, title=f"{len(keys)} API key(s)")
    for key in keys:
        table.add_row(
            str(key.id),
            key.prefix,
            key.role,
            key.agent_id or "",
            key.label,
            _for_people(key.created_at),
            _for_people(key.revoked_at) if key.revoked_at else "",
        )
    print_table(Console(), table)
    return 0


def revoke(key_id: Annotated[int, typer.Argument(metavar="KEY_ID", show_default=False)]) -> int:
    from api.auth.keys import CLI_ACTOR
    from api.auth.service import revoke_key
    from api.cli.database import configured_session
    from api.errors import Conflict, NotFound

    try:
        with configured_session(write=True) as session:
            key = revoke_key(session, CLI_ACTOR, key_id)
            revoked = f"key {key.id} ({key.role}, {key.prefix}...) revoked"
    except NotFound:
        print(f"homeshore users revoke: there is no key {key_id}.", file=sys.stderr)
        return 2
    except Conflict as exc:
        print(f"homeshore users revoke: {exc.issues[0].reason}.", file=sys.stderr)
        return 0
    print(f"{revoked}; requests and sessions with it are refused from now on")
    return 0


def _for_people(moment: datetime) -> str:
    """Keys are minted on the server, whose operators read UTC: ``2026-12-02 18:25 UTC``."""
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def key_row(key: ApiKey) -> dict[str, object]:
    """One key as ``--json`` gives it; times in UTC, ISO 8601."""
    return {
        "id": key.id,
        "prefix": key.prefix,
        "role": key.role,
        "agent": key.agent_id,
        "label": key.label,
        "created": key.created_at.isoformat(timespec="seconds"),
        "revoked": key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else None,
    }
