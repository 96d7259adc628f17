"""Seeded generator of realistic homeshoring weeks: the benchmark and demo instances.

The process, so that figures can be discussed:
- one site in Europe/Paris, open Mon-Fri 08:00-20:00 and Sat 09:00-18:00, closed Sunday;
- three queues: ``fr-support`` (priority 2), ``fr-sales`` (onshore: agents in FR only) and
  ``en-support``;
- agents live in France (60 %), Morocco (20 %), Mauritius (10 %) or Belgium (10 %) and
  state availability in their own local time, following one of four patterns seen among
  home agents: school-hours parents, evening students (plus Saturday), morning retirees,
  and flexible agents with long windows; about 10 % have a disability-aid cap (weekly,
  and 4 h a day), 30 % state preferred windows inside their availability;
- demand has a bimodal weekday curve (late-morning and mid-afternoon peaks), a lighter
  Saturday, and totals about 55 % of the hours the agents' contracts allow, split 55/25/20
  over the queues, with multiplicative noise.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bench.hired_agent import hired_agent
from solver.problem import (
    Agent,
    DemandSeries,
    Horizon,
    OpeningHours,
    Problem,
    Queue,
    TimeWindow,
)

FIRST_DAY = date(2026, 11, 30)
COUNTRIES = [  # country, time zone, share, hourly cost range
    ("FR", "Europe/Paris", 0.60, (15.0, 18.5)),
    ("MA", "Africa/Casablanca", 0.20, (8.0, 10.0)),
    ("MU", "Indian/Mauritius", 0.10, (9.0, 11.5)),
    ("BE", "Europe/Brussels", 0.10, (17.0, 20.0)),
]
QUEUES = [
    Queue(id="fr-support", skill="fr-support", priority=2.0),
    Queue(id="fr-sales", skill="fr-sales", priority=1.0, countries=["FR"]),
    Queue(id="en-support", skill="en-support", priority=1.0),
]
QUEUE_SHARE = {"fr-support": 0.55, "fr-sales": 0.25, "en-support": 0.20}
# pattern: (weekdays, local start hour, local end hour, days offered, contract min/max hours)
PATTERNS = {
    "parent": ([0, 1, 2, 3, 4], (8.5, 9.5), (14.5, 16.0), (3, 5), (10, 24)),
    "student": ([0, 1, 2, 3, 4, 5], (16.5, 17.5), (20.0, 21.0), (3, 5), (6, 16)),
    "retiree": ([0, 1, 2, 3, 4, 5], (7.5, 8.5), (12.0, 13.5), (3, 5), (8, 20)),
    "flexible": ([0, 1, 2, 3, 4, 5], (8.0, 11.0), (16.0, 20.0), (4, 6), (15, 35)),
}
PATTERN_SHARE = [("parent", 0.35), ("student", 0.25), ("retiree", 0.2), ("flexible", 0.2)]


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([name for name, _ in weighted], [w for _, w in weighted])[0]


def _half_hour(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high) * 2) / 2


def _at(day: date, hours: float) -> datetime:
    return datetime.combine(day, time(0)) + timedelta(hours=hours)


def _agent(rng: random.Random, index: int, first_day: date, days: int) -> Agent:
    country, zone, _, cost_range = rng.choices(COUNTRIES, [c[2] for c in COUNTRIES])[0]
    pattern = _pick(rng, PATTERN_SHARE)
    weekdays, start_range, end_range, offered, (lo, hi) = PATTERNS[pattern]
    skills = [
        q.skill
        for q in QUEUES
        if rng.random() < {"fr-support": 0.8, "fr-sales": 0.4, "en-support": 0.3}[q.skill]
    ]
    skills = skills or ["fr-support"]
    dates = [first_day + timedelta(days=d) for d in range(days)]
    candidates = [d for d in dates if d.weekday() in weekdays]
    chosen = sorted(
        rng.sample(candidates, min(len(candidates), rng.randint(*offered) * math.ceil(days / 7)))
    )
    availability, preferred = [], []
    wants_preference = rng.random() < 0.3
    for day in chosen:
        start = _half_hour(rng, *start_range)
        end = max(start + 2.0, _half_hour(rng, *end_range))
        availability.append(TimeWindow(start=_at(day, start), end=_at(day, end)))
        if wants_preference and end - start >= 4:
            preferred.append(TimeWindow(start=_at(day, start), end=_at(day, start + 3)))
    maximum = float(rng.randint(lo + 4, hi))
    minimum = float(min(maximum, rng.randint(lo // 2, lo)))
    return hired_agent(
        rng,
        f"a{index:04d}",
        f"Agent {index}",
        (country, zone, cost_range),
        skills,
        (minimum, maximum),
        (availability, preferred),
    )


def _curve(weekday: int, hour: float) -> float:
    """Relative contact intensity: two weekday peaks, a flatter Saturday."""
    peaks = math.exp(-((hour - 10.5) ** 2) / 3.0) + 0.85 * math.exp(-((hour - 14.5) ** 2) / 4.0)
    base = 0.25 + peaks
    return base * (0.6 if weekday == 5 else 1.0)


def _demand(rng: random.Random, horizon: Horizon, agents: list[Agent]) -> list[DemandSeries]:
    supply_hours = sum(a.contract.max_hours_per_week for a in agents) * horizon.days / 7
    target_hours = 0.55 * supply_hours
    slot_h = horizon.slot_minutes / 60
    days = [horizon.first_day + timedelta(days=d) for d in range(horizon.days)]
    opening = {wd: (s.open, s.close) for s in horizon.opening_hours for wd in s.weekdays}
    shape: dict[date, list[float]] = {}
    for day in days:
        if day.weekday() not in opening:
            continue
        open_, close = opening[day.weekday()]
        hours = open_.hour + open_.minute / 60
        end = close.hour + close.minute / 60 or 24
        values = []
        while hours + slot_h <= end + 1e-9:
            values.append(_curve(day.weekday(), hours + slot_h / 2))
            hours += slot_h
        shape[day] = values
    total_shape = sum(sum(v) for v in shape.values()) * slot_h
    series = []
    for queue in QUEUES:
        scale = target_hours * QUEUE_SHARE[queue.id] / total_shape
        for day, values in shape.items():
            open_ = opening[day.weekday()][0]
            required = [max(0, round(v * scale * rng.uniform(0.85, 1.15))) for v in values]
            series.append(
                DemandSeries(queue=queue.id, start=datetime.combine(day, open_), required=required)
            )
    return series


def generate(
    agents: int,
    seed: int = 1,
    days: int = 7,
    slot_minutes: int = 30,
    first_day: date = FIRST_DAY,
    name: str | None = None,
) -> Problem:
    """A reproducible instance: the same arguments always give the same problem."""
    rng = random.Random(seed * 1_000_003 + agents)
    horizon = Horizon(
        first_day=first_day,
        days=days,
        slot_minutes=slot_minutes,  # type: ignore[arg-type]
        time_zone="Europe/Paris",
        opening_hours=[
            OpeningHours(weekdays=[0, 1, 2, 3, 4], open=time(8), close=time(20)),
            OpeningHours(weekdays=[5], open=time(9), close=time(18)),
        ],
    )
    pool = [_agent(rng, i + 1, first_day, days) for i in range(agents)]
    return Problem(
        name=name or f"homeshore-{agents}-agents-seed{seed}",
        horizon=horizon,
        queues=QUEUES,
        demand=_demand(rng, horizon, pool),
        agents=pool,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated Homeshore problem as JSON.")
    parser.add_argument("--agents", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--slot-minutes", type=int, choices=(15, 30), default=30)
    parser.add_argument("--name", default=None)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    problem = generate(args.agents, args.seed, args.days, args.slot_minutes, name=args.name)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(problem.model_dump_json(indent=1, exclude_defaults=True) + "\n")
    print(f"wrote {args.out}: {len(problem.agents)} agents, {problem.horizon.days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
