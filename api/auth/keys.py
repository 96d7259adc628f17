"""Minting and hashing API keys. The secret is shown once; only its SHA-256 is stored.

A key is 32 random bytes, so a fast hash is enough: there is nothing to brute-force that a
slow password hash would protect.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal

Role = Literal["manager", "planner", "agent", "telephony"]
ROLES: tuple[Role, ...] = ("manager", "planner", "agent", "telephony")
PEOPLE: tuple[Role, ...] = ("manager", "planner", "agent")
"""Roles of people. A ``telephony`` key is a machine's (the IVR announcing where calls are
answered): it reads caller notices and nothing else, not even ``/me`` or a web page."""
KEY_PREFIX = "hs_"


def new_secret() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    """The caller of a request: which key, which role, and for agents, which agent."""

    key_id: int | None
    role: Role
    agent_id: str | None = None

    def is_agent(self, agent_id: str) -> bool:
        return self.role == "agent" and self.agent_id == agent_id


@dataclass(frozen=True)
class SystemActor:
    """Who changes data without an API key: a command run at the server, or the scheduler.

    The audit trail records it with no key id and ``role`` as the actor's role, the way the
    scheduler's publications have always been recorded (``actor_role="scheduler"``).
    """

    role: str
    key_id: None = None


CLI_ACTOR = SystemActor("cli")
Actor = Principal | SystemActor
SCHEDULER = SystemActor("scheduler")
"""What ``homeshore worker`` publishes is audited as the scheduler."""
