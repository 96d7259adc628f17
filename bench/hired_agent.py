"""The last draws of a generated agent, shared by both generators: aid cap, then cost.

``bench/generator.py`` and ``bench/honest_weeks.py`` describe different weeks, but both
state the same terms: about 10 % of agents have a disability-aid cap (12-20 h a week, 4 h a
day) that lowers their contract minimum to half the cap, and the hourly cost is drawn from
the country's range. The draws are made in this order, so a seed gives the same instance
whichever generator is run.
"""

from __future__ import annotations

import random

from solver.problem import Agent, AidCap, Contract, TimeWindow

AID_CAP_SHARE = 0.1
AID_CAP_HOURS = (12, 15, 18, 20)
AID_CAP_HOURS_PER_DAY = 4.0


def hired_agent(
    rng: random.Random,
    agent_id: str,
    name: str,
    place: tuple[str, str, tuple[float, float]],
    skills: list[str],
    hours: tuple[float, float],
    windows: tuple[list[TimeWindow], list[TimeWindow]],
) -> Agent:
    """The agent of ``place`` (country, time zone, cost range) with contract ``hours``
    (minimum, maximum a week) and ``windows`` (availability, preferred), given an aid cap
    or not and an hourly cost."""
    country, zone, cost_range = place
    minimum, maximum = hours
    aid_cap = None
    if rng.random() < AID_CAP_SHARE:
        cap = float(rng.choice(AID_CAP_HOURS))
        aid_cap = AidCap(max_hours_per_week=cap, max_hours_per_day=AID_CAP_HOURS_PER_DAY)
        minimum = min(minimum, cap / 2)
    availability, preferred = windows
    return Agent(
        id=agent_id,
        name=name,
        time_zone=zone,
        country=country,
        skills=skills,
        hourly_cost=round(rng.uniform(*cost_range), 2),
        contract=Contract(min_hours_per_week=minimum, max_hours_per_week=maximum),
        aid_cap=aid_cap,
        availability=availability,
        preferred=preferred,
    )
