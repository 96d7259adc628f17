"""The planning problem: what a workforce manager hands the solver.

This is Homeshore's versioned input format (``format_version``). Every field carries a
human description because the JSON Schema exported to ``docs/`` is what integrators read.
The models check the shape of each field; rules that relate fields to each other (a window
outside the horizon, a cap below a contract minimum, a skill no queue uses) live in
``solver.validation`` so that all of them can be reported at once with agent and field.

Times: the horizon and the demand are in the *site* time zone; each agent's availability
and preferences are in the *agent's own* time zone, as naive local date-times. Shifts passed
back in (previous roster, locks) carry an explicit UTC offset, so they are never ambiguous.
How a naive local time becomes an instant (a skipped spring time is refused, a repeated
autumn time is its first occurrence) is ``solver.local_time``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from solver.locations import check_country, check_time_zone

FORMAT_VERSION: Final = "1.0"
MAX_HORIZON_DAYS = 28

Identifier = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
        description="Letters, digits, '_', '.', ':' or '-'; starts with a letter or digit.",
    ),
]
CountryCode = Annotated[
    str,
    Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code, e.g. FR, MA, MU."),
    AfterValidator(check_country),
]

# The solver turns weights and costs into integer objective coefficients: SCALE (14,000,
# solver.model.inputs) points per currency unit, per slot of at most half an hour. The
# largest coefficients are unmet demand at priority 100 (weight * 100 * 0.5 * 14,000 =
# weight * 7e5 points per agent-slot) and labour (weight * hourly cost * 7,000). At these
# bounds every coefficient is at most 7e13, below 2**53 (9.007e15): an exact integer in the
# 64-bit coefficients of CP-SAT and in the doubles of the HiGHS master and the bound, with
# room for over 100,000 agent-slots at the worst coefficient before the objective nears
# the 64-bit limit. A weight of 1e308 had overflowed on every solve.
MAX_WEIGHT = 1_000_000.0
# A cent an hour is the finest cost SCALE makes exact on a 15-minute slot; 10,000 an hour
# leaves room for any currency's wages.
MIN_HOURLY_COST = 0.01
MAX_HOURLY_COST = 10_000.0


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OpeningHours(_Strict):
    """One opening span of the site, repeated on the given weekdays (site local time)."""

    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        min_length=1, description="Days it applies to: 0 = Monday ... 6 = Sunday."
    )
    open: time = Field(description="Local opening time, e.g. 08:00.")
    close: time = Field(
        description="Local closing time, e.g. 20:00; 00:00 means midnight at the end of the day."
    )

    @model_validator(mode="after")
    def _open_before_close(self) -> OpeningHours:
        if self.close != time(0) and self.close <= self.open:
            raise ValueError(f"close {self.close} must be after open {self.open}")
        return self


class Horizon(_Strict):
    """The planned period: consecutive site-local days cut into equal slots."""

    first_day: date = Field(description="First planned day (site local date).")
    days: int = Field(
        default=7, ge=1, le=MAX_HORIZON_DAYS, description="Number of planned days (1 to 28)."
    )
    slot_minutes: Literal[15, 30] = Field(
        default=30, description="Length of one planning interval in minutes."
    )
    time_zone: str = Field(
        description="IANA time zone of the site, e.g. Europe/Paris. Days are site days; "
        "days with a daylight-saving change have 23 or 25 hours."
    )
    opening_hours: list[OpeningHours] = Field(
        min_length=1,
        description="When the site takes contacts. Nobody is scheduled while it is closed.",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        return check_time_zone(value)


class Queue(_Strict):
    """A contact queue the client buys coverage on (a language and a skill)."""

    id: Identifier = Field(description="Queue id, e.g. fr-support.")
    skill: Identifier = Field(description="Skill an agent needs to take this queue.")
    priority: float = Field(
        default=1.0,
        gt=0,
        le=100,
        description="Multiplies the penalty of unmet demand on this queue.",
    )
    countries: list[CountryCode] = Field(
        default_factory=list,
        description="Onshore clause: agents must be located in one of these countries. "
        "Empty means any country.",
    )


class DemandSeries(_Strict):
    """Required agents on one queue for consecutive slots starting at ``start``."""

    queue: Identifier = Field(description="Queue id.")
    start: datetime = Field(
        description="Site-local start of the first slot (naive, aligned to the slot grid). "
        "A time the site's clocks skip on the spring night is refused; a time they show "
        "twice on the autumn night is its first occurrence."
    )
    required: list[Annotated[int, Field(ge=0, le=100_000)]] = Field(
        min_length=1,
        description="Required agents for each consecutive slot, in real time: across a "
        "daylight-saving night the slots follow the clocks' jump.",
    )


class TimeWindow(_Strict):
    """A span of local time, ``start`` inclusive, ``end`` exclusive; its length is real time."""

    start: datetime = Field(
        description="Local start (naive date-time in the owner's time zone). A time the "
        "clocks skip on the spring night is refused; a time they show twice on the autumn "
        "night is its first occurrence (write a UTC offset on both ends for the second)."
    )
    end: datetime = Field(description="Local end, after start; read as start is.")

    @model_validator(mode="after")
    def _start_before_end(self) -> TimeWindow:
        if (self.start.tzinfo is None) != (self.end.tzinfo is None):
            raise ValueError("start and end must both be naive local times or both carry offsets")
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be after start {self.start}")
        return self


class Contract(_Strict):
    """Paid hours per 7-day week agreed with the agent."""

    min_hours_per_week: float = Field(
        default=0, ge=0, le=60, description="Hours the centre aims to give (soft)."
    )
    max_hours_per_week: float = Field(
        gt=0, le=60, description="Hours the agent may never exceed (hard)."
    )

    @model_validator(mode="after")
    def _min_below_max(self) -> Contract:
        if self.min_hours_per_week > self.max_hours_per_week:
            raise ValueError(
                f"min_hours_per_week {self.min_hours_per_week} exceeds "
                f"max_hours_per_week {self.max_hours_per_week}"
            )
        return self


class AidCap(_Strict):
    """Hours a disability aid allows; never exceeded, whatever the demand."""

    max_hours_per_week: float = Field(ge=0, le=60, description="Weekly cap on worked hours.")
    max_hours_per_day: float | None = Field(
        default=None, ge=0, le=24, description="Optional daily cap on worked hours."
    )


class Agent(_Strict):
    """A home agent and the hours they chose to offer."""

    id: Identifier = Field(description="Stable agent id (never a display name).")
    name: str = Field(default="", max_length=200, description="Display name, informative only.")
    time_zone: str = Field(description="IANA time zone the agent lives in.")
    country: CountryCode = Field(description="Country the agent works from.")
    skills: list[Identifier] = Field(min_length=1, description="Skills the agent holds.")
    hourly_cost: float = Field(
        ge=MIN_HOURLY_COST,
        le=MAX_HOURLY_COST,
        description="Loaded labour cost per worked hour (0.01 to 10,000).",
    )
    contract: Contract = Field(description="Weekly paid-hour range agreed with the agent.")
    aid_cap: AidCap | None = Field(
        default=None, description="Disability-aid cap on hours; absent when none applies."
    )
    availability: list[TimeWindow] = Field(
        default_factory=list,
        description="Windows the agent can work, in their local time. The part of a window "
        "outside the horizon is dropped, with a warning in the solve's result.",
    )
    preferred: list[TimeWindow] = Field(
        default_factory=list,
        description="Windows the agent would rather work in (soft); empty means no preference.",
    )
    accepts_changes: bool = Field(
        default=True,
        description="Whether re-planning may change this agent's published shifts.",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        return check_time_zone(value)


class Rules(_Strict):
    """Working-time rules; defaults follow common French contact-centre practice."""

    min_shift_minutes: int = Field(
        default=120, ge=15, le=720, description="Shortest shift span, breaks included."
    )
    max_shift_minutes: int = Field(
        default=480, ge=15, le=720, description="Longest shift span, breaks included."
    )
    max_shifts_per_day: int = Field(
        default=1, ge=1, le=3, description="Shifts an agent may work in one site day."
    )
    min_gap_same_day_minutes: int = Field(
        default=60, ge=0, le=720, description="Gap between two shifts of one day, when allowed."
    )
    min_rest_minutes: int = Field(
        default=660, ge=0, le=1440, description="Rest between shifts of different days (11 h)."
    )
    max_working_days_per_week: int = Field(
        default=5, ge=1, le=7, description="Days with a shift in each 7-day block."
    )
    max_minutes_per_day: int = Field(
        default=600, ge=15, le=1440, description="Worked minutes per site day (10 h)."
    )
    max_consecutive_days: int = Field(
        default=6,
        ge=1,
        le=28,
        description="Site days in a row with a shift, counting previous_shifts before the horizon.",
    )
    min_weekly_rest_minutes: int = Field(
        default=2100,
        ge=0,
        le=2820,
        description="Weekly rest (35 h, Code du travail L3132-2): every full 7-day block "
        "overlaps a stretch of at least this long without work. Time before the horizon "
        "counts as rest, except previous shifts; time after its end does not. At most 47 h, "
        "so two whole days off always make one; 0 turns the rule off.",
    )
    max_continuous_work_minutes: int = Field(
        default=360, ge=30, le=720, description="Longest stretch of work without a break (6 h)."
    )
    min_break_minutes: int = Field(
        default=20, ge=5, le=120, description="Shortest break that ends a stretch of work."
    )
    shift_length_step_minutes: int = Field(
        default=60,
        ge=15,
        le=240,
        description="Shift spans the solver proposes are min_shift plus multiples of this.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Rules:
        if self.min_shift_minutes > self.max_shift_minutes:
            raise ValueError("min_shift_minutes exceeds max_shift_minutes")
        if self.max_shift_minutes > 2 * self.max_continuous_work_minutes + self.min_break_minutes:
            raise ValueError(
                "max_shift_minutes needs more than one break; at most "
                "2 * max_continuous_work_minutes + min_break_minutes is supported"
            )
        return self


class Weights(_Strict):
    """Objective weights, in currency units per agent-hour (labour cost counts as itself).

    The defaults make the order strict in practice: unmet demand, then unmet contract
    minimum, then labour cost, then over-staffing, then missed preferences. Fairness (2 per
    hour off target, at most 3 × 2 far off it) stays below usual hourly costs, so it chooses
    between splits of the same work rather than buying an extra hour. Each weight lies
    between 0 and ``MAX_WEIGHT`` (1,000,000), what the integer model represents exactly.
    """

    unmet_demand: float = Field(
        default=1000.0, ge=0, le=MAX_WEIGHT, description="Per missing agent-hour."
    )
    unmet_contract_minimum: float = Field(
        default=200.0,
        ge=0,
        le=MAX_WEIGHT,
        description="Per hour below an agent's contract minimum.",
    )
    labour_cost: float = Field(
        default=1.0, ge=0, le=MAX_WEIGHT, description="Multiplier on hourly cost."
    )
    overstaffing: float = Field(
        default=1.0, ge=0, le=MAX_WEIGHT, description="Per agent-hour above demand."
    )
    missed_preference: float = Field(
        default=0.5,
        ge=0,
        le=MAX_WEIGHT,
        description="Per worked hour outside an agent's preferred windows.",
    )
    changed_shift: float = Field(
        default=500.0,
        ge=0,
        le=MAX_WEIGHT,
        description="Re-planning: per agent-day whose shift differs from the previous roster.",
    )
    changed_hour: float = Field(
        default=50.0,
        ge=0,
        le=MAX_WEIGHT,
        description="Re-planning: per hour of work added or removed against the previous roster.",
    )
    fairness: float = Field(
        default=2.0,
        ge=0,
        le=MAX_WEIGHT,
        description=(
            "Per hour an agent's week is off their fair target (the share of the demand "
            "on their queues, in proportion to their offer); twice beyond 4 h off, three "
            "times beyond 8 h."
        ),
    )


class ShiftRef(_Strict):
    """A shift given back to the solver: from a previous roster or locked by a planner."""

    agent_id: Identifier = Field(description="Id of the agent working the shift.")
    start: datetime = Field(description="Start with UTC offset.")
    end: datetime = Field(description="End with UTC offset.")
    breaks: list[TimeWindow] = Field(default_factory=list, description="Breaks, with offsets.")

    @model_validator(mode="after")
    def _aware(self) -> ShiftRef:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("shift start and end must carry a UTC offset")
        if self.end <= self.start:
            raise ValueError("shift end must be after start")
        return self


class Absence(_Strict):
    """Time an agent cannot work after all (illness, a sick child...), reported by a planner."""

    agent_id: Identifier = Field(description="Id of the absent agent.")
    start: datetime = Field(description="Start with UTC offset.")
    end: datetime = Field(description="End with UTC offset.")
    reason: str = Field(default="", max_length=200, description="Free text, informative only.")

    @model_validator(mode="after")
    def _aware(self) -> Absence:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("absence start and end must carry a UTC offset")
        if self.end <= self.start:
            raise ValueError("absence end must be after start")
        return self


class Problem(_Strict):
    """A complete planning problem, solvable offline: ``homeshore solve problem.json``."""

    format_version: Literal["1.0"] = Field(default="1.0", description="Input format version.")
    name: str = Field(default="", max_length=200, description="Shown in reports and files.")
    horizon: Horizon = Field(description="The planned days, slots and opening hours.")
    queues: list[Queue] = Field(min_length=1, description="Queues the client buys coverage on.")
    demand: list[DemandSeries] = Field(
        default_factory=list, description="Required agents per queue and slot (forecast output)."
    )
    agents: list[Agent] = Field(default_factory=list, description="The pool of home agents.")
    rules: Rules = Field(default_factory=Rules, description="Working-time rules (hard).")
    weights: Weights = Field(default_factory=Weights, description="Objective weights (soft).")
    previous_roster: list[ShiftRef] = Field(
        default_factory=list, description="The published roster a re-plan should stay close to."
    )
    locked_shifts: list[ShiftRef] = Field(
        default_factory=list, description="Shifts that must appear unchanged in the result."
    )
    absences: list[Absence] = Field(
        default_factory=list, description="Reported absences: nobody works while absent."
    )
    previous_shifts: list[ShiftRef] = Field(
        default_factory=list,
        description="Shifts the agents worked just before the horizon (e.g. the previous "
        "period's published roster, with UTC offsets), each ending by the horizon's start: "
        "they count for consecutive working days, daily rest and weekly rest at the start.",
    )
    replan_from: datetime | None = Field(
        default=None,
        description="Re-planning: the moment from which shifts may change (with UTC offset). "
        "Previous shifts starting earlier are kept as they are; no new shift starts earlier.",
    )

    @field_validator("replan_from")
    @classmethod
    def _aware_replan(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("replan_from must carry a UTC offset")
        return value
