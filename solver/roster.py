"""The roster: Homeshore's output format, read back by ``homeshore verify``.

A roster is a list of shifts with absolute (UTC-offset) times, so that it means the same
thing to the site, to an agent in another time zone and to the verifier. Each shift says
which queue the agent serves in each part of it (activities) and when they rest (breaks).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from solver.problem import Identifier

ROSTER_FORMAT_VERSION = "1.0"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(BaseModel):
    """A span of absolute time, ``start`` inclusive, ``end`` exclusive."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: datetime = Field(description="Start with UTC offset.")
    end: datetime = Field(description="End with UTC offset.")

    @model_validator(mode="after")
    def _aware_and_ordered(self) -> Span:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("start and end must carry a UTC offset")
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be after start {self.start}")
        return self


class Activity(Span):
    """Part of a shift spent on one queue."""

    queue: Identifier


class Shift(Span):
    """One continuous presence of an agent, breaks included."""

    agent_id: Identifier
    breaks: list[Span] = Field(default_factory=list)
    activities: list[Activity] = Field(
        default_factory=list, description="Queue served in each worked part of the shift."
    )


class Roster(_Strict):
    """A complete roster for one problem."""

    format_version: str = Field(default=ROSTER_FORMAT_VERSION)
    problem_name: str = ""
    shifts: list[Shift] = Field(default_factory=list)

    def shifts_of(self, agent_id: str) -> list[Shift]:
        """The agent's shifts in start order."""
        return sorted((s for s in self.shifts if s.agent_id == agent_id), key=lambda s: s.start)
