"""Figures on random rosters agree with a slow, obvious reference computed here.

The reference walks minute by minute and slot by slot; the verifier uses merged intervals
and difference arrays. Random rosters include overlaps and odd times on purpose.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver.problem import Problem
from solver.roster import Roster
from solver.verifier import verify
from tests.verifier.builders import agent, problem

# Paris, Saturday 2026-10-24 to Monday 2026-10-26: the autumn change falls inside.
PLANNING: Problem = problem(
    [agent("a1"), agent("m1", country="MU", time_zone="Indian/Mauritius"), agent("x1")],
    horizon={"first_day": "2026-10-24", "days": 3},
    demand=[{"queue": "fr", "start": "2026-10-24T00:00", "required": [1] * 146}],
)
START = datetime(2026, 10, 23, 22, 0, tzinfo=UTC)  # site midnight opening the horizon
SLOTS = 3 * 48 + 2
QUARTER = timedelta(minutes=15)


@st.composite
def shifts(draw: st.DrawFn) -> dict[str, object]:
    begin = START + draw(st.integers(-4, SLOTS * 2)) * QUARTER
    cuts = sorted(draw(st.lists(st.integers(1, 40), min_size=1, max_size=6, unique=True)))
    points = [begin + c * QUARTER for c in cuts]
    end = points[-1]
    breaks = []
    if len(points) > 2 and draw(st.booleans()):
        breaks.append({"start": points[0], "end": points[1]})
    activities = [
        {
            "start": begin + draw(st.integers(0, 40)) * QUARTER,
            "end": end,
            "queue": draw(st.sampled_from(["fr", "fr-onshore"])),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "agent_id": draw(st.sampled_from(["a1", "m1", "x1"])),
        "start": begin,
        "end": end,
        "breaks": breaks,
        "activities": [a for a in activities if a["end"] > a["start"]],  # type: ignore[operator]
    }


def _reference_scheduled(roster: Roster, queue: str) -> list[int]:
    counts = []
    for slot in range(SLOTS):
        low, high = START + slot * 2 * QUARTER, START + (slot + 1) * 2 * QUARTER
        counts.append(
            len(
                {
                    s.agent_id
                    for s in roster.shifts
                    for a in s.activities
                    if a.queue == queue and a.start <= low and high <= a.end
                }
            )
        )
    return counts


def _reference_worked_minutes(roster: Roster) -> int:
    total = 0
    for s in roster.shifts:
        minute = s.start
        while minute < s.end:
            if not any(b.start <= minute < b.end for b in s.breaks):
                total += 1
            minute += timedelta(minutes=1)
    return total


@settings(max_examples=30, deadline=None)
@given(st.lists(shifts(), max_size=6))
def test_coverage_and_worked_time_match_the_reference(raw: list[dict[str, object]]) -> None:
    roster = Roster.model_validate({"shifts": raw})
    kpis = verify(PLANNING, roster).kpis
    assert len(kpis.slot_starts) == SLOTS
    for queue in ("fr", "fr-onshore"):
        assert kpis.queues[queue].scheduled == _reference_scheduled(roster, queue)
    fr = kpis.queues["fr"]
    met = sum(min(r, s) for r, s in zip(fr.required, fr.scheduled, strict=True))
    assert kpis.coverage_percent == pytest.approx(100 * met / 146)
    assert kpis.worked_hours == pytest.approx(_reference_worked_minutes(roster) / 60)
    assert kpis.cost == pytest.approx(kpis.worked_hours * 10.0)
    assert kpis.objective == pytest.approx(sum(kpis.objective_terms.values()))
