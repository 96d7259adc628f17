"""A site's request policy and its rules: each rule's decision and its reason, side by side.

A rule reads the facts of one request (when it was asked, the days it touches, who else is
off, the coverage it leaves) and answers ``approve`` (nothing to say), ``manager`` (a person
must answer) or ``decline``, with its reasons as codes and parameters
(``api.requests.reasons`` holds their words, in English and French). ``decide`` applies them
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

from api.requests.reasons import Reason

RequestKind = Literal["time_off", "drop", "pick_up", "swap", "extra_hours"]
Mode = Literal["automatic", "manual", "closed"]
Outcome = Literal["approve", "manager", "waitlist", "decline"]


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
    open_shift_deadline_hours: float | None = Field(
        default=None,
        ge=0,
        le=24 * 28,
        description="An open shift nobody has picked up this many hours before it starts is "
        "closed and its hours re-planned (the minimal-change re-plan of the period); none: "
        "open shifts stay open.",
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
    reasons: list[Reason]


def mode_rule(policy: Policy, facts: Facts) -> Verdict | None:
    mode = policy.mode(facts.kind)
    if mode == "closed":
        return Verdict("decline", [Reason("kind_closed", {"kind": facts.kind})])
    if mode == "manual":
        return Verdict("manager", [Reason("kind_manual", {"kind": facts.kind})])
    return None


def blackout_rule(policy: Policy, facts: Facts) -> Verdict | None:
    if facts.kind not in ("time_off", "drop"):
        return None
    hit = sorted(set(facts.site_days) & set(policy.blackout_days))
    if not hit:
        return None
    return Verdict("decline", [Reason("blackout", {"days": [d.isoformat() for d in hit]})])


def legality_rule(_policy: Policy, facts: Facts) -> Verdict | None:
    if not facts.violations:
        return None
    return Verdict("decline", [Reason("illegal", {"detail": facts.violations[0]})])


def notice_rule(policy: Policy, facts: Facts) -> Verdict | None:
    if facts.kind == "pick_up":
        return None
    ahead = (facts.start - facts.now).total_seconds() / 3600
    if ahead >= policy.notice_hours:
        return None
    if ahead < 0:
        return Verdict("manager", [Reason("late_notice", {"notice": policy.notice_hours})])
    return Verdict(
        "manager",
        [Reason("short_notice", {"ahead": round(ahead), "notice": policy.notice_hours})],
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
            Reason(
                "allotment_full",
                {
                    "count": facts.off_per_day[d],
                    "day": d.isoformat(),
                    "allowed": policy.time_off_per_day,
                },
            )
            for d in full
        ],
    )


def coverage_rule(_policy: Policy, facts: Facts) -> Verdict | None:
    if not facts.drops:
        return None
    return Verdict(
        "manager",
        [
            Reason(
                "coverage_drop",
                {
                    "queue": d.queue,
                    "after": d.after,
                    "required": d.required,
                    "start": d.start.isoformat(),
                    "end": d.end.isoformat(),
                },
            )
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
    reasons: list[Reason] = []
    waitable = policy.waitlist and facts.kind == "time_off"
    for rule in (mode_rule, *ASKING_A_MANAGER):
        verdict = rule(policy, facts)
        if verdict is not None:
            reasons += verdict.reasons
            waitable = waitable and rule in WAITABLE
    if reasons:
        return Verdict("waitlist" if waitable else "manager", reasons)
    return Verdict("approve", [approval(facts.kind)])


def approval(kind: RequestKind) -> Reason:
    if kind == "pick_up":
        return Reason("approved_pick_up")
    if kind == "swap":
        return Reason("approved_swap")
    return Reason("approved_at_once")
