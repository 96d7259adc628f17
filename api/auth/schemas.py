"""Wire format of API keys: what a manager sees of a key, never its secret or hash."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api.schemas import ReadModel, WireModel
from solver.problem import Identifier


class KeyCreate(WireModel):
    role: Literal["manager", "planner", "agent", "telephony"]
    agent_id: Identifier | None = Field(
        default=None, description="The agent an agent key acts as; none for other roles."
    )
    label: str = Field(default="", max_length=200, description="Who or what the key is for.")


class KeyRead(ReadModel):
    id: int
    prefix: str = Field(description="The secret's first characters, to recognise a key.")
    role: str
    agent_id: str | None
    label: str
    created_at: datetime
    revoked_at: datetime | None = Field(description="When it stopped working; null if active.")


class KeyCreated(KeyRead):
    secret: str = Field(description="The bearer token. Shown only in this answer: store it now.")
