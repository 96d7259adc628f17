"""The verifier's fairness figures, checked against numbers worked out by hand.

Three identical agents (fr, 0-40 h) share 12 agent-hours of demand on fr: the demand over
their 120 h of offer gives each a fair target of 4 h. b1 serves only en, which has no
demand: target 0 h, alone in a group of their own.
"""

from __future__ import annotations

from statistics import pstdev
from typing import Any

import pytest

from solver.verifier import verify
from solver.verifier.report import Kpis
from tests.verifier.builders import agent, problem, roster, shift

TUE, WED = "2026-12-01", "2026-12-02"


def _kpis(*shifts: Any, **overrides: Any) -> Kpis:
    planning = problem(
        [agent("a1"), agent("a2"), agent("a3"), agent("b1", skills=["en"])],
        queues=[{"id": "fr", "skill": "fr"}, {"id": "en", "skill": "en"}],
        demand=[{"queue": "fr", "start": f"{TUE}T08:00", "required": [2] * 12}],
        **overrides,
    )
    report = verify(planning, roster(*shifts))
    assert report.ok, [str(v) for v in report.violations]
    return report.kpis


UNEVEN = (
    shift("a1", TUE, "08:00", "12:00"),
    shift("a1", WED, "08:00", "12:00"),
    shift("a2", TUE, "08:00", "12:00"),
)


def test_targets_and_the_objective_term() -> None:
    kpis = _kpis(*UNEVEN)
    targets = {w.agent_id: w.fair_target_hours for w in kpis.agent_weeks}
    assert targets == pytest.approx({"a1": 4.0, "a2": 4.0, "a3": 4.0, "b1": 0.0})
    off = {w.agent_id: w.hours_off_fair_target for w in kpis.agent_weeks}
    assert off == pytest.approx({"a1": 4.0, "a2": 0.0, "a3": 4.0, "b1": 0.0})
    assert kpis.objective_terms["fairness"] == pytest.approx(2.0 * 8)


def test_the_term_follows_its_weight() -> None:
    kpis = _kpis(*UNEVEN, weights={"fairness": 5})
    assert kpis.objective_terms["fairness"] == pytest.approx(5.0 * 8)
    assert _kpis(*UNEVEN, weights={"fairness": 0}).objective_terms["fairness"] == 0.0


def test_spread_of_worked_hours_over_offer_among_comparable_agents() -> None:
    kpis = _kpis(*UNEVEN)
    groups = {tuple(g.skills): g for g in kpis.fairness}
    fr = groups[("fr",)]
    assert (fr.agents, fr.contract_min_hours, fr.contract_max_hours) == (3, 0, 40)
    assert (fr.min_ratio, fr.max_ratio, fr.spread) == pytest.approx((0.0, 0.2, 0.2))
    assert fr.stdev_ratio == pytest.approx(pstdev([0.2, 0.1, 0.0]))
    assert groups[("en",)].agents == 1
    assert kpis.fairness_spread == pytest.approx(0.2)  # one-agent groups do not count


def test_an_even_split_has_no_spread_and_costs_nothing() -> None:
    kpis = _kpis(
        shift("a1", TUE, "08:00", "12:00"),
        shift("a2", TUE, "08:00", "12:00"),
        shift("a3", TUE, "10:00", "14:00"),
    )
    assert kpis.fairness_spread == pytest.approx(0.0)
    assert kpis.objective_terms["fairness"] == pytest.approx(0.0)


def test_an_aid_cap_lowers_the_offer_and_the_target() -> None:
    data = problem(
        [agent("a1"), agent("a2", aid_cap={"max_hours_per_week": 20})],
        queues=[{"id": "fr", "skill": "fr"}],
        demand=[{"queue": "fr", "start": f"{TUE}T08:00", "required": [2] * 12}],
    )
    kpis = verify(data, roster()).kpis
    targets = {w.agent_id: w.fair_target_hours for w in kpis.agent_weeks}
    # 12 h over 40 + 20 h of offer: a fifth of each offer
    assert targets == pytest.approx({"a1": 8.0, "a2": 4.0})
