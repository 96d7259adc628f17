"""``homeshore users create-key --role manager``: mint an API key (printed once)."""

from __future__ import annotations

import argparse

HELP = "Mint API keys for managers, planners and agents."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="users_action", required=True, metavar="ACTION")
    create = sub.add_parser("create-key", help="Mint a key; the secret is shown only once.")
    create.add_argument("--role", required=True, choices=["manager", "planner", "agent"])
    create.add_argument("--agent-id", default=None, help="The agent an agent key acts as.")
    create.add_argument("--label", default="", help="Who or what the key is for.")


def run(args: argparse.Namespace) -> int:
    from api.auth.service import create_key
    from api.db.database import Database
    from api.db.engine import make_engine
    from api.errors import ServiceError
    from api.settings import Settings

    engine = make_engine(Settings().database_url)
    try:
        with Database(engine).session(write=True) as session:
            key, secret = create_key(session, args.role, args.agent_id, args.label)
            key_id = key.id
    except ServiceError as exc:
        print(f"cannot create key: {exc}")
        return 2
    finally:
        engine.dispose()
    print(f"key {key_id} ({args.role}); keep this secret, it is not stored:\n{secret}")
    return 0
