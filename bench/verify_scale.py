"""How long ``verify`` takes on a large roster: 3,000 agents, 7 days of 30-minute slots, 3 queues.

Builds a synthetic problem and a plausible roster (5 shifts of 7 h 30 with a lunch break per
agent, activities split across queues), then prints the time to parse the roster JSON and to
verify it. Run: ``.venv/bin/python -m bench.verify_scale [--agents N]``.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta, timezone

from solver.problem import Problem
from solver.roster import Roster
from solver.verifier import verify

FIRST_DAY = date(2026, 11, 30)
PARIS_WINTER = timezone(timedelta(hours=1))
QUEUES = [
    {"id": "fr-support", "skill": "fr"},
    {"id": "fr-sales", "skill": "fr", "priority": 2},
    {"id": "fr-onshore", "skill": "fr", "countries": ["FR"]},
]


def build(agents: int, seed: int = 1) -> tuple[Problem, Roster]:
    rng = random.Random(seed)
    people, shifts = [], []
    for n in range(agents):
        country = rng.choice(["FR", "MA", "MU"])
        zone = {"FR": "Europe/Paris", "MA": "Africa/Casablanca", "MU": "Indian/Mauritius"}[country]
        people.append(
            {
                "id": f"a{n}",
                "time_zone": zone,
                "country": country,
                "skills": ["fr"],
                "hourly_cost": 12.0,
                "contract": {"min_hours_per_week": 20, "max_hours_per_week": 40},
                "availability": [
                    {
                        "start": f"{FIRST_DAY + timedelta(days=d)}T00:00",
                        "end": f"{FIRST_DAY + timedelta(days=d + 1)}T00:00",
                    }
                    for d in range(7)
                ],
                "preferred": [{"start": f"{FIRST_DAY}T08:00", "end": f"{FIRST_DAY}T14:00"}],
            }
        )
        for d in range(5):
            begin = datetime.combine(FIRST_DAY + timedelta(days=d), datetime.min.time())
            begin = begin.replace(tzinfo=PARIS_WINTER) + timedelta(hours=8 + rng.randint(0, 8))
            lunch = begin + timedelta(hours=4)
            end = begin + timedelta(hours=7, minutes=30)
            queue = QUEUES[rng.randrange(2 if country != "FR" else 3)]["id"]
            shifts.append(
                {
                    "agent_id": f"a{n}",
                    "start": begin,
                    "end": end,
                    "breaks": [{"start": lunch, "end": lunch + timedelta(minutes=30)}],
                    "activities": [
                        {"start": begin, "end": lunch, "queue": queue},
                        {"start": lunch + timedelta(minutes=30), "end": end, "queue": "fr-support"},
                    ],
                }
            )
    demand = [
        {
            "queue": q["id"],
            "start": f"{FIRST_DAY}T00:00",
            "required": [rng.randint(0, agents // 10) for _ in range(7 * 48)],
        }
        for q in QUEUES
    ]
    problem = Problem.model_validate(
        {
            "horizon": {
                "first_day": str(FIRST_DAY),
                "time_zone": "Europe/Paris",
                "opening_hours": [{"weekdays": list(range(7)), "open": "07:00", "close": "00:00"}],
            },
            "queues": QUEUES,
            "demand": demand,
            "agents": people,
        }
    )
    return problem, Roster.model_validate({"shifts": shifts})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agents", type=int, default=3000)
    args = parser.parse_args()
    problem, roster = build(args.agents)
    text = roster.model_dump_json()
    started = time.perf_counter()
    parsed = Roster.model_validate_json(text)
    parsed_at = time.perf_counter()
    report = verify(problem, parsed)
    done = time.perf_counter()
    print(
        f"agents {args.agents}, shifts {len(parsed.shifts)}, slots {len(report.kpis.slot_starts)}"
    )
    print(f"parse roster JSON: {parsed_at - started:.2f} s")
    print(f"verify: {done - parsed_at:.2f} s ({len(report.violations)} violations)")
    print(f"coverage {report.kpis.coverage_percent:.1f} %, objective {report.kpis.objective:.0f}")


if __name__ == "__main__":
    main()
