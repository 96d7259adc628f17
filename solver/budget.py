"""The time budget of one solve: the limit, split into named phases, kept as a promise.

Why one object: the search runs several phases (a first roster, column generation for the
bound, dives, best-response polish, CP-SAT) and then must still verify and extract the
roster it returns. When each phase computed its own deadline from a share of the limit,
nothing kept time for that last step, and a 60 s limit ended after 65-69 s at 1,000-3,000
agents. Here the budget is created once, when the solve starts, from the limit and a
*reserve* for the closing work; every phase asks it how long it may run, and no phase may
run into the reserve.

The solver stays pure: the budget reads a monotonic clock (``time.perf_counter`` unless
another is passed in, which tests use), nothing else.

Phases, in the order they run, each ending at a share of the usable time (the limit less
the reserve); a phase that ends early leaves its time to the next ones, since every
deadline is absolute, and once the first roster is in (``rebase_after``) the later phases
share what is left in the same proportions:

| phase | ends at | what runs |
|---|---|---|
| ``FIRST_ROSTER`` | 1 % | the first roster's sweeps (one whole sweep at least) |
| ``GENERATION`` | 55 % | column generation over week plans (the proven bound) |
| ``DIVE`` | 85 % | price-and-dive |
| ``POLISH`` | 95 % | sweeps on the dive's roster, then more rounds for the bound |
| ``SEARCH`` | 100 % | a second dive, CP-SAT (several shifts a day: shift LP, CP-SAT) |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from time import perf_counter

Clock = Callable[[], float]


class Phase(Enum):
    """A named phase of the search and the share of the usable time at which it ends."""

    # One sweep from nobody, then its check (the first sweep always runs whole): more
    # sweeps there only delayed column generation, whose master rounded after round 2
    # beats them (1,000 honest agents, 60 s, two seeds: first roster at 1.3-1.6 s instead
    # of 3.9-4.1 s, gap at 10 s 9.4 and 4.8 % instead of 11.2 and 9.3 %).
    FIRST_ROSTER = 0.01
    GENERATION = 0.55
    DIVE = 0.85
    POLISH = 0.95
    SEARCH = 1.0


# The closing work (the verifier on the roster returned, its extraction, the result) was
# measured at about 1 s for 3,000 agents over a week on an idle machine (docs/verifier.md):
# 0.05 ms per agent-day, four times that for a loaded machine (measured: 2 s at 1,000
# agents with 6 engineers on 2 cores), and never less than a quarter second. The solve
# re-estimates it from its own first check (``solver.solve``).
RESERVE_SECONDS_PER_AGENT_DAY = 0.0002
MIN_RESERVE_SECONDS = 0.25
# The reserve never takes more than this share of the limit: a tiny limit still searches.
MAX_RESERVE_SHARE = 0.25
# The closing reserve is this margin times the slowest check of a roster measured so far in
# the solve (building and verifying it, on this machine under its current load).
CLOSING_MARGIN = 1.5
# Below this, a phase is not worth starting (a CP-SAT model alone takes longer to build).
MIN_PHASE_SECONDS = 0.05
# Below this, no search starts after the first roster: its closing would pass the limit.
MIN_SEARCH_SECONDS = 1.0


def closing_reserve(limit: float, agent_days: int) -> float:
    """Seconds kept at the end of a ``limit`` for verification and extraction."""
    wanted = max(MIN_RESERVE_SECONDS, RESERVE_SECONDS_PER_AGENT_DAY * agent_days)
    return min(wanted, MAX_RESERVE_SHARE * limit)


@dataclass
class TimeBudget:
    """The limit of one solve, measured from ``started`` on ``clock``.

    ``reserve`` seconds at the end belong to the closing work; ``end`` is when every search
    phase must have stopped. ``spent`` records how long each phase actually ran (set by
    ``record``), so a result can say where its time went.
    """

    limit: float
    started: float
    reserve: float = 0.0
    clock: Clock = perf_counter
    spent: dict[str, float] = field(default_factory=dict)
    _after: tuple[float, float] | None = field(default=None, repr=False)  # rebase_after
    _slowest_check: float = field(default=0.0, repr=False)  # measured_closing

    @classmethod
    def start(cls, limit: float, reserve: float = 0.0, clock: Clock = perf_counter) -> TimeBudget:
        """A budget starting now on ``clock``."""
        return cls(limit=limit, started=clock(), reserve=min(reserve, limit), clock=clock)

    @property
    def usable(self) -> float:
        """Seconds the search phases share: the limit less the closing reserve."""
        return max(0.0, self.limit - self.reserve)

    @property
    def end(self) -> float:
        """The clock time by which every search phase has stopped."""
        return self.started + self.usable

    @property
    def last_moment(self) -> float:
        """The clock time by which work that leaves nothing to check must end (rounds that
        only raise the bound, once the roster to return is verified): the reserve is for
        checking a roster, so such work may run into it, up to the limit's last quarter
        second (``MIN_RESERVE_SECONDS``) for building the result."""
        return self.started + self.limit - min(MIN_RESERVE_SECONDS, self.reserve)

    def elapsed(self) -> float:
        return self.clock() - self.started

    def left(self) -> float:
        """Seconds the search phases may still use (never negative)."""
        return max(0.0, self.end - self.clock())

    def deadline(self, phase: Phase) -> float:
        """The clock time at which ``phase`` must stop."""
        if self._after is not None and phase.value > self._after[1]:
            since, done = self._after
            return since + (phase.value - done) / (1.0 - done) * max(0.0, self.end - since)
        return self.started + phase.value * self.usable

    def rebase_after(self, phase: Phase) -> None:
        """``phase`` is over: the later phases share what is left in their proportions.

        Without this a first roster that took longer than its share (a four-week horizon
        on a loaded machine: 45 s of a 120 s limit) would eat the next phase's time alone,
        and column generation would get seconds while CP-SAT kept its share.
        """
        self._after = (self.clock(), phase.value)

    def measured_closing(self, check_seconds: float) -> None:
        """A roster was just built and verified in ``check_seconds``: the closing work (the
        same on the roster returned) is as long, so the reserve keeps ``CLOSING_MARGIN``
        times the slowest such check, and never more than ``MAX_RESERVE_SHARE`` of the
        limit. Every check feeds it, since the load, hence the check, changes in a solve.
        """
        self._slowest_check = max(self._slowest_check, check_seconds)
        wanted = max(self.reserve, CLOSING_MARGIN * self._slowest_check)
        self.reserve = min(wanted, MAX_RESERVE_SHARE * self.limit)

    @property
    def slowest_check(self) -> float:
        """The longest build-and-verify of a roster measured so far (0 before any)."""
        return self._slowest_check

    def fits(self, seconds: float, by: float | None = None) -> bool:
        """True when work estimated at ``seconds`` ends before ``by`` (a clock time;
        ``end`` unless given): what cannot be interrupted is not started otherwise."""
        return self.clock() + seconds < (self.end if by is None else by)

    def seconds_for(self, phase: Phase) -> float:
        """How long ``phase`` may run from now (never negative)."""
        return max(0.0, self.deadline(phase) - self.clock())

    def allows(self, phase: Phase, at_least: float = MIN_PHASE_SECONDS) -> bool:
        """True when ``phase`` still has ``at_least`` seconds."""
        return self.seconds_for(phase) >= at_least

    def share_left(self) -> float:
        """What is left of the usable time, as a share of it (0 when none is)."""
        return self.left() / self.usable if self.usable > 0 else 0.0

    def record(self, name: str, since: float) -> float:
        """Add the time since ``since`` (a clock time) to ``name``; returns now."""
        now = self.clock()
        self.spent[name] = self.spent.get(name, 0.0) + (now - since)
        return now

    def recorded(self) -> float:
        """Seconds recorded so far, over every phase."""
        return sum(self.spent.values())

    def record_rest(self, name: str, since: float, recorded_then: float) -> float:
        """Add to ``name`` the time since ``since`` that the phases run inside it did not
        record themselves (``recorded_then`` is ``recorded()`` at ``since``), so that the
        phases never overlap and add up to the wall time; returns now."""
        now = self.clock()
        inner = self.recorded() - recorded_then
        self.spent[name] = self.spent.get(name, 0.0) + max(0.0, now - since - inner)
        return now
