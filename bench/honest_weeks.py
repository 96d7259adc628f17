"""Seeded "honest" weeks: instances written to the issue's description, not to the solver.

``bench/generator.py`` is the instance the solver was tuned on (a site closed on Sunday and at
20:00, one time zone change-free week). This generator follows the weeks a new user tried
(issue 13, "How to know"; issue 18's 28-day rows) and is kept apart so that tuning on one does
not quietly tune on the other:

- **sites**: ``paris``, open 07:00-22:00 seven days a week, and ``always``, open 24/7; both
  in Europe/Paris;
- **weeks**: the week Paris moves to summer time (Monday 2027-03-22; Sunday 28 has 23 hours),
  an ordinary week (2027-05-10), and four consecutive weeks from the DST week (28 days);
- **agents** in France, Morocco, Tunisia and Mauritius state availability in their own local
  days and hours. Casablanca and Tunis stay at +01:00, so once Paris is at +02:00 the
  horizon ends at 23:00 on their Sunday: their Sunday evenings cross the horizon's end.
  Mauritius (+04:00) works the site's day in its afternoon and evening. The 24/7 site's night
  workers offer the night before the first day and the night after the last, across both
  edges. Every such window is kept in part by the solver, with a warning;
- **demand** is staffed by Erlang C (``solver.staffing``: 80 % answered in 20 s, occupancy
  at most 85 %, 30 % shrinkage) from the real weekly profile of a bank's calls
  (``<shared>/datasets/bank-calls/weekly_profile_30min.csv``: weekdays 07:00-21:00 only). Where
  the profile is silent the shape is extended and the extension is stated here: Saturday is
  45 % and Sunday 25 % of the weekday mean at the same time, 21:00-22:00 tapers from the
  20:30 value (70 %, then 50 %), and the 24/7 site's nights (22:00-07:00) take 12 % of the
  day's 07:00 value. Per-day (±10 %) and per-slot (±5 %) noise are seeded;
- **queues**: ``fr-support`` (priority 2, 60 % of contacts), ``en-support`` (18 %) and
  ``fr-sales`` (22 %, 09:00-20:00, onshore: France only). Few French agents hold the sales
  skill: its staffed demand is set to exceed what the qualified agents can give (the
  ``SALES_SHORTAGE`` ratio), so coverage stays below 100 % even at the optimum;
- the contacts of the other queues are scaled so that their staffed agent-hours are
  ``LOAD`` of what the pool can give (the least of contract maximum, aid cap and offered
  real hours, per agent); about 10 % of agents have a disability-aid cap (12-20 h a week,
  4 h a day), 30 % state preferred windows.

    python -m bench.honest_weeks --agents 1000 --seed 2 --out out/honest-1000.json
    python -m bench.honest_weeks --agents 1000 --days 28 --site always --out out/h.json
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from bench.hired_agent import hired_agent
from bench.shared_dir import shared_dir
from solver.forecast.model import Forecast, QueueForecast
from solver.local_time import exists, to_utc
from solver.problem import (
    Agent,
    Horizon,
    OpeningHours,
    Problem,
    Queue,
    TimeWindow,
)
from solver.staffing.requirements import (
    StaffingPlan,
    StaffingPolicy,
    agent_hours,
    demand_from_forecast,
)
from solver.timegrid import SlotGrid

SPRING_DST_MONDAY = date(2027, 3, 22)  # Paris moves to +02:00 at 02:00 on Sunday 28
ORDINARY_MONDAY = date(2027, 5, 10)
WEEKS = {"dst": SPRING_DST_MONDAY, "ordinary": ORDINARY_MONDAY}
SITE_ZONE = "Europe/Paris"
SITES = {
    "paris": [OpeningHours(weekdays=list(range(7)), open=time(7), close=time(22))],
    "always": [OpeningHours(weekdays=list(range(7)), open=time(0), close=time(0))],
}
COUNTRIES = [  # country, time zone, share, hourly cost range
    ("FR", "Europe/Paris", 0.45, (15.0, 18.5)),
    ("MA", "Africa/Casablanca", 0.25, (8.0, 10.0)),
    ("TN", "Africa/Tunis", 0.18, (8.5, 10.5)),
    ("MU", "Indian/Mauritius", 0.12, (9.0, 11.5)),
]
QUEUES = [
    Queue(id="fr-support", skill="fr-support", priority=2.0),
    Queue(id="en-support", skill="en-support", priority=1.0),
    Queue(id="fr-sales", skill="fr-sales", priority=1.0, countries=["FR"]),
]
CONTACT_SHARE = {"fr-support": 0.60, "en-support": 0.18, "fr-sales": 0.22}
AHT_SECONDS = {"fr-support": 300.0, "en-support": 360.0, "fr-sales": 480.0}
SALES_HOURS = (9.0, 20.0)
POLICY = StaffingPolicy(service_level=0.8, answer_seconds=20, max_occupancy=0.85, shrinkage=0.3)
LOAD = 0.6  # staffed agent-hours of the support queues / what the pool can give
SALES_SHORTAGE = 1.3  # staffed sales agent-hours / what the qualified agents can give
WEEKEND_FACTOR = {5: 0.45, 6: 0.25}
EVENING_TAPER = {time(21, 0): 0.7, time(21, 30): 0.5}
NIGHT_FACTOR = 0.12


@dataclass(frozen=True)
class Pattern:
    """How one kind of home agent offers time, in her own local days and hours."""

    weekdays: tuple[int, ...]
    start: tuple[float, float]  # local start hour range
    end: tuple[float, float]  # local end hour range; above 24 runs into the next day
    days: tuple[int, int]  # days offered per week
    hours: tuple[int, int]  # contract maximum range per week


PATTERNS = {
    "parent": Pattern((0, 1, 2, 3, 4), (8.5, 9.5), (14.5, 16.0), (3, 5), (10, 24)),
    "student": Pattern((0, 1, 2, 3, 4, 5, 6), (16.5, 18.0), (21.5, 23.5), (3, 5), (6, 16)),
    "retiree": Pattern((0, 1, 2, 3, 4, 5), (7.0, 8.5), (12.0, 13.5), (3, 5), (8, 20)),
    "flexible": Pattern((0, 1, 2, 3, 4, 5, 6), (8.0, 11.0), (16.0, 21.0), (4, 6), (15, 35)),
    "weekend": Pattern((4, 5, 6), (9.0, 13.0), (19.0, 23.5), (2, 3), (8, 20)),
    "night": Pattern((0, 1, 2, 3, 4, 5, 6), (21.0, 23.0), (29.0, 31.0), (3, 5), (15, 32)),
}
PATTERN_SHARE = {
    "paris": {"parent": 0.3, "student": 0.25, "retiree": 0.15, "flexible": 0.2, "weekend": 0.1},
    "always": {
        "parent": 0.25,
        "student": 0.2,
        "retiree": 0.1,
        "flexible": 0.2,
        "weekend": 0.1,
        "night": 0.15,
    },
}
SKILL_SHARE = {"fr-support": 0.85, "en-support": 0.3}
SALES_SKILL_SHARE = {"FR": 0.22}  # others may hold it too (0.1) but the queue is onshore


class SharedDataMissing(FileNotFoundError):
    """The bank-calls profile is read from the shared directory and is not there."""


def profile_path() -> Path:
    return shared_dir() / "datasets" / "bank-calls" / "weekly_profile_30min.csv"


def read_profile(path: Path | None = None) -> dict[tuple[int, time], float]:
    """Mean calls per (weekday 0-4, half-hour start) from the shared profile."""
    path = path or profile_path()
    if not path.exists():
        raise SharedDataMissing(f"bank-calls profile absent at {path} (set HOMESHORE_SHARED_DIR)")
    names = ["Mon", "Tue", "Wed", "Thu", "Fri"]
    with path.open(newline="") as handle:
        return {
            (names.index(row["weekday"]), time.fromisoformat(row["interval_start"])): float(
                row["mean_calls"]
            )
            for row in csv.DictReader(handle)
        }


def contact_shape(profile: dict[tuple[int, time], float], weekday: int, at: time) -> float:
    """Relative calls in the half hour starting at ``at`` (site-local), profile extended."""
    if weekday in WEEKEND_FACTOR:
        same_time = [profile.get((d, at)) for d in range(5)]
        if None in same_time:
            at_seven = sum(profile[(d, time(7))] for d in range(5)) / 5
            return WEEKEND_FACTOR[weekday] * _outside_profile(profile, 0, at, at_seven)
        return WEEKEND_FACTOR[weekday] * sum(v for v in same_time if v is not None) / 5
    if (weekday, at) in profile:
        return profile[(weekday, at)]
    return _outside_profile(profile, weekday, at, profile[(weekday, time(7))])


def _outside_profile(
    profile: dict[tuple[int, time], float], weekday: int, at: time, at_seven: float
) -> float:
    if at in EVENING_TAPER:
        return EVENING_TAPER[at] * profile[(weekday, time(20, 30))]
    return NIGHT_FACTOR * at_seven


def _half_hour(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high) * 2) / 2


def _at(day: date, hours: float, zone: ZoneInfo) -> datetime:
    """The local time, moved past the clocks' spring gap as an agent's form would.

    Nobody can offer 02:00 on the night Paris skips from 02:00 to 03:00 (the API refuses it);
    what she means is the first time shown after the gap.
    """
    moment = datetime.combine(day, time(0)) + timedelta(hours=hours)
    while not exists(moment, zone):
        moment += timedelta(minutes=30)
    return moment


def _offered_hours(windows: list[TimeWindow], zone: ZoneInfo, horizon: Horizon) -> float:
    """Real hours of the windows inside the horizon (what the agent can really give)."""
    grid = SlotGrid(horizon)
    seconds = 0.0
    for window in windows:
        start = max(to_utc(window.start, zone), grid.start)
        end = min(to_utc(window.end, zone), grid.end)
        seconds += max(0.0, (end - start).total_seconds())
    return seconds / 3600


def _agent(rng: random.Random, index: int, site: str, horizon: Horizon) -> Agent:
    country, zone, _, cost_range = rng.choices(COUNTRIES, [c[2] for c in COUNTRIES])[0]
    shares = PATTERN_SHARE[site]
    pattern = PATTERNS[rng.choices(list(shares), list(shares.values()))[0]]
    skills = [skill for skill, share in SKILL_SHARE.items() if rng.random() < share]
    if rng.random() < SALES_SKILL_SHARE.get(country, 0.1):
        skills.append("fr-sales")
    skills = skills or ["fr-support"]
    weeks = math.ceil(horizon.days / 7)
    # Her own calendar: the horizon's dates, and for night workers the night before it.
    first = horizon.first_day - timedelta(days=1 if pattern.end[1] > 24 else 0)
    dates = [
        first + timedelta(days=d) for d in range((horizon.first_day - first).days + horizon.days)
    ]
    candidates = [d for d in dates if d.weekday() in pattern.weekdays]
    count = min(len(candidates), rng.randint(*pattern.days) * weeks)
    availability, preferred = [], []
    wants_preference = rng.random() < 0.3
    for day in sorted(rng.sample(candidates, count)):
        start = _half_hour(rng, *pattern.start)
        end = max(start + 2.0, _half_hour(rng, *pattern.end))
        local = ZoneInfo(zone)
        availability.append(TimeWindow(start=_at(day, start, local), end=_at(day, end, local)))
        if wants_preference and end - start >= 4:
            preferred.append(
                TimeWindow(start=_at(day, start, local), end=_at(day, start + 3, local))
            )
    maximum = float(rng.randint(pattern.hours[0] + 4, pattern.hours[1]))
    minimum = float(min(maximum, rng.randint(pattern.hours[0] // 3, pattern.hours[0] // 2)))
    return hired_agent(
        rng,
        f"h{index:05d}",
        f"Agent {index}",
        (country, zone, cost_range),
        skills,
        (minimum, maximum),
        (availability, preferred),
    )


def agent_capacity(agent: Agent, horizon: Horizon) -> float:
    """Hours the agent can give over the horizon: contract, aid cap and offer, the least."""
    weeks = horizon.days / 7
    limit = agent.contract.max_hours_per_week
    if agent.aid_cap is not None:
        limit = min(limit, agent.aid_cap.max_hours_per_week)
    zone = ZoneInfo(agent.time_zone)
    return min(limit * weeks, _offered_hours(agent.availability, zone, horizon))


def may_serve(agent: Agent, queue: Queue) -> bool:
    return queue.skill in agent.skills and (not queue.countries or agent.country in queue.countries)


def _contacts(
    rng: random.Random, profile: dict[tuple[int, time], float], grid: SlotGrid
) -> np.ndarray:
    """Relative calls per slot of the grid (real slots: the spring Sunday has 46)."""
    zone = grid.site_zone
    day_noise = {day: rng.uniform(0.9, 1.1) for day in range(len(grid.slots_of_day))}
    shape = np.zeros(grid.count)
    for slot in range(grid.count):
        if not grid.is_open[slot]:
            continue
        local = grid.slot_start(slot).astimezone(zone)
        value = contact_shape(profile, local.weekday(), local.time().replace(tzinfo=None))
        shape[slot] = value * day_noise[grid.day_of_slot[slot]] * rng.uniform(0.95, 1.05)
    return shape


def _staffed_hours(
    contacts: np.ndarray, queue: str, horizon: Horizon, scale: float
) -> tuple[float, StaffingPlan]:
    plan = _plan(horizon, {queue: contacts * scale})
    return agent_hours(demand_from_forecast(plan), horizon.slot_minutes), plan


def _plan(horizon: Horizon, contacts: dict[str, np.ndarray]) -> StaffingPlan:
    forecast = Forecast(
        horizon=horizon,
        history_first_day=date(2003, 3, 3),
        history_last_day=date(2003, 10, 24),
        history_interval_minutes=30,
        queues=[
            QueueForecast(
                queue=queue,
                method="bank-calls weekly profile (shared), scaled",
                holdout=[],
                contacts=[round(float(c), 3) for c in values],
                aht_seconds=[AHT_SECONDS[queue]] * len(values),
            )
            for queue, values in contacts.items()
        ],
    )
    return StaffingPlan(forecast=forecast, policy=POLICY)


def _scale_to(contacts: np.ndarray, queue: str, horizon: Horizon, target_hours: float) -> float:
    """The contact scale whose Erlang-C staffed agent-hours come closest to the target."""
    low, high = 0.0, 1.0
    while _staffed_hours(contacts, queue, horizon, high)[0] < target_hours:
        high *= 2
    for _ in range(30):
        middle = (low + high) / 2
        if _staffed_hours(contacts, queue, horizon, middle)[0] < target_hours:
            low = middle
        else:
            high = middle
    return high


def generate(
    agents: int,
    seed: int = 1,
    days: int = 7,
    site: str = "paris",
    week: str = "dst",
    profile: dict[tuple[int, time], float] | None = None,
) -> tuple[Problem, StaffingPlan]:
    """A reproducible instance and the staffing plan its demand comes from.

    The same arguments always give the same problem. Raises ``SharedDataMissing`` when
    the bank-calls profile is not in the shared directory and none is given.
    """
    profile = profile if profile is not None else read_profile()
    rng = random.Random(f"honest/{agents}/{seed}/{days}/{site}/{week}")
    horizon = Horizon(
        first_day=WEEKS[week],
        days=days,
        slot_minutes=30,
        time_zone=SITE_ZONE,
        opening_hours=SITES[site],
    )
    pool = [_agent(rng, i + 1, site, horizon) for i in range(agents)]
    grid = SlotGrid(horizon)
    shape = _contacts(rng, profile, grid)
    capacity = {a.id: agent_capacity(a, horizon) for a in pool}
    sales = next(q for q in QUEUES if q.id == "fr-sales")
    qualified = sum(capacity[a.id] for a in pool if may_serve(a, sales))
    support_hours = LOAD * (sum(capacity.values()) - qualified)
    contacts: dict[str, np.ndarray] = {}
    support_share = CONTACT_SHARE["fr-support"] + CONTACT_SHARE["en-support"]
    for queue in ("fr-support", "en-support"):
        share = shape * CONTACT_SHARE[queue]
        target = support_hours * CONTACT_SHARE[queue] / support_share
        contacts[queue] = share * _scale_to(share, queue, horizon, target)
    sales_shape = shape * CONTACT_SHARE["fr-sales"] * _sales_open(grid)
    target = SALES_SHORTAGE * max(qualified, 1.0)
    contacts["fr-sales"] = sales_shape * _scale_to(sales_shape, "fr-sales", horizon, target)
    plan = _plan(horizon, contacts)
    name = f"honest-{site}-{week}-{days}d-{agents}-agents-seed{seed}"
    problem = Problem(
        name=name,
        horizon=horizon,
        queues=QUEUES,
        demand=demand_from_forecast(plan),
        agents=pool,
    )
    return problem, plan


def _sales_open(grid: SlotGrid) -> np.ndarray:
    """1 while the sales line is open (09:00-20:00 site time), else 0."""
    zone = grid.site_zone
    low, high = SALES_HOURS
    flags = np.zeros(grid.count)
    for slot in range(grid.count):
        local = grid.slot_start(slot).astimezone(zone)
        flags[slot] = float(low <= local.hour + local.minute / 60 < high)
    return flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write an honest-week problem as JSON.")
    parser.add_argument("--agents", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, choices=(7, 14, 21, 28), default=7)
    parser.add_argument("--site", choices=sorted(SITES), default="paris")
    parser.add_argument("--week", choices=sorted(WEEKS), default="dst")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--plan", type=Path, help="Also write the staffing plan here.")
    args = parser.parse_args(argv)
    try:
        problem, plan = generate(args.agents, args.seed, args.days, args.site, args.week)
    except SharedDataMissing as exc:
        print(f"honest_weeks: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(problem.model_dump_json(indent=1, exclude_defaults=True) + "\n")
    if args.plan:
        args.plan.write_text(plan.model_dump_json(indent=1) + "\n")
    print(f"wrote {args.out}: {len(problem.agents)} agents, {problem.horizon.days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
