"""A site's request policy and its rules: each rule's decision and its reason, side by side.

A rule reads the facts of one request (when it was asked, the days it touches, who else is
off, the coverage it leaves) and answers ``approve`` (nothing to say), ``manager`` (a person
must answer) or ``decline``, with one sentence an agent understands. ``decide`` applies them
in a fixed order: a closed kind, a blackout day or an illegal roster declines at once;
otherwise any rule that wants a manager sends the request to one, with every such reason
(time off held back only by the allotment or the coverage floor waits on the waitlist instead
when the policy keeps one); otherwise the request is approved.

Whether the agent may legally work the changed roster is not a policy: it is the verifier's
verdict (``api.requests.candidate``), handed in here as the violations it found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

RequestKind = Literal["time_off", "drop", "pick_up", "swap", "extra_hours"]
Mode = Literal["automatic", "manual", "closed"]
Outcome = Literal["approve", "manager", "waitlist", "decline"]
KIND_WORDS: dict[RequestKind, str] = {
    "time_off": "time off",
    "drop": "dropping a shift",
    "pick_up": "picking up an open shift",
    "swap": "swapping shifts",
    "extra_hours": "offering extra hours",
}


class Policy(BaseModel):
    """What a manager sets per site (and per queue for coverage); the defaults apply otherwise."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    modes: dict[RequestKind, Mode] = Field(
        default_factory=dict,
        description="Per request kind (time_off, drop, pick_up, swap): answered at once "
        "(automatic), by a manager (manual), "
        "or not accepted (closed). A kind left out is automatic.",
    )
    notice_hours: float = Field(
        default=48,
        ge=0,
        le=24 * 28,
        description="Time off or a drop asked later goes to a manager.",
    )
    min_coverage_ratio: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="Scheduled / required agents each queue must keep in each slot after a "
        "time off or a drop; below it the request goes to a manager.",
    )
    queue_min_coverage_ratio: dict[str, float] = Field(
        default_factory=dict, description="Per-queue overrides of min_coverage_ratio."
    )
    time_off_per_day: int | None = Field(
        default=None, ge=0, le=100_000, description="Agents who may be off on one site day."
    )
    blackout_days: list[date] = Field(
        default_factory=list, description="Site days on which no time off or drop is granted."
    )
    waitlist: bool = Field(
        default=False,
        description="Time off held back only by the day's allotment or the coverage floor "
        "waits instead of going to a manager, and is approved automatically, oldest first, "
        "when a place frees.",
    )
    on_coverage_hole: Literal["open_shifts", "replan"] = Field(
        default="open_shifts",
        description="After approved time off: post the freed hours as open shifts only, or "
        "also let the absence watch re-plan the rest of the week.",
    )

    def mode(self, kind: RequestKind) -> Mode:
        return self.modes.get(kind, "automatic")

    def coverage_ratio(self, queue: str) -> float:
        return self.queue_min_coverage_ratio.get(queue, self.min_coverage_ratio)


@dataclass(frozen=True)
class CoverageDrop:
    """A run of slots where a queue would fall below its policy ratio."""

    queue: str
    start: datetime
    end: datetime
    required: int
    before: int
    after: int


@dataclass(frozen=True)
class Facts:
    """What the rules read about one request."""

    kind: RequestKind
    start: datetime
    now: datetime
    zone: ZoneInfo
    site_days: list[date]
    off_per_day: dict[date, int] = field(default_factory=dict)
    drops: list[CoverageDrop] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reasons: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.reasons)


def day_words(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def span_words(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return f"{day_words(local_start.date())} {local_start:%H:%M}–{local_end:%H:%M}"


def mode_rule(policy: Policy, facts: Facts) -> Verdict | None:
    mode = policy.mode(facts.kind)
    if mode == "closed":
        return Verdict(
            "decline", [f"Requests for {KIND_WORDS[facts.kind]} are closed at this site."]
        )
    if mode == "manual":
        return Verdict(
            "manager", [f"A manager answers every request for {KIND_WORDS[facts.kind]} here."]
        )
    return None


def blackout_rule(policy: Policy, facts: Facts) -> Verdict | None:
    if facts.kind not in ("time_off", "drop"):
        return None
    hit = sorted(set(facts.site_days) & set(policy.blackout_days))
    if not hit:
        return None
    days = ", ".join(day_words(d) for d in hit)
    return Verdict("decline", [f"{days} is a blackout day: no time off is granted then."])


def legality_rule(_policy: Policy, facts: Facts) -> Verdict | None:
    if not facts.violations:
        return None
    return Verdict(
        "decline", [f"The roster would break a working-time rule: {facts.violations[0]}."]
    )


def notice_rule(policy: Policy, facts: Facts) -> Verdict | None:
    if facts.kind == "pick_up":
        return None
    ahead = (facts.start - facts.now).total_seconds() / 3600
    if ahead >= policy.notice_hours:
        return None
    asked = "after it started" if ahead < 0 else f"{ahead:.0f} h ahead"
    return Verdict(
        "manager",
        [
            f"Asked {asked}; requests need {policy.notice_hours:g} h notice to be approved "
            "at once, so a manager will answer."
        ],
    )


def allotment_rule(policy: Policy, facts: Facts) -> Verdict | None:
    if facts.kind != "time_off" or policy.time_off_per_day is None:
        return None
    full = [d for d in facts.site_days if facts.off_per_day.get(d, 0) >= policy.time_off_per_day]
    if not full:
        return None
    return Verdict(
        "manager",
        [
            f"{_agents(facts.off_per_day[d])} time off on {day_words(d)}, the most "
            f"the site allows at once ({policy.time_off_per_day})."
            for d in full
        ],
    )


def coverage_rule(_policy: Policy, facts: Facts) -> Verdict | None:
    if not facts.drops:
        return None
    return Verdict(
        "manager",
        [
            f"{d.queue} would fall to {d.after} of {d.required} agents on "
            f"{span_words(d.start, d.end, facts.zone)}."
            for d in facts.drops
        ],
    )


DECLINING = (mode_rule, blackout_rule, legality_rule)
ASKING_A_MANAGER = (notice_rule, allotment_rule, coverage_rule)
WAITABLE = (allotment_rule, coverage_rule)
"""Rules whose "no" a free place can turn into a "yes": time off they hold back may wait."""


def decide(policy: Policy, facts: Facts) -> Verdict:
    """The rules above in order; see the module docstring."""
    for rule in DECLINING:
        verdict = rule(policy, facts)
        if verdict is not None and verdict.outcome == "decline":
            return verdict
    reasons: list[str] = []
    waitable = policy.waitlist and facts.kind == "time_off"
    for rule in (mode_rule, *ASKING_A_MANAGER):
        verdict = rule(policy, facts)
        if verdict is not None:
            reasons += verdict.reasons
            waitable = waitable and rule in WAITABLE
    if reasons:
        return Verdict("waitlist" if waitable else "manager", reasons)
    return Verdict("approve", [approval_words(facts.kind)])


def approval_words(kind: RequestKind) -> str:
    if kind == "pick_up":
        return "Approved: the shift is yours and fits every working-time rule."
    if kind == "swap":
        return "Approved: both weeks fit every working-time rule after the swap."
    return "Approved at once: notice, coverage and the day's allotment all allow it."


def _agents(count: int) -> str:
    return "1 agent already has" if count == 1 else f"{count} agents already have"
