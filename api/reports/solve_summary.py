"""The printed summary of a solve: what a workforce manager reads before publishing."""

from __future__ import annotations

from collections import Counter

from api.reports import numbers
from api.reports.numbers import CLI_LOCALE
from solver.problem import Problem
from solver.result import SolveResult
from solver.verifier import VerificationReport

NO_BOUND = "none proven yet (the solver stopped before proving one; no gap to report)"


def _hours(value: float) -> str:
    return numbers.hours(value, CLI_LOCALE)


def _decimal(value: float | None) -> str:
    return numbers.decimal(value, CLI_LOCALE)


def _seconds(value: float) -> str:
    return numbers.seconds(value, CLI_LOCALE, 2)


def solve_lines(result: SolveResult) -> list[str]:
    lines = [f"status          {result.status}"]
    if result.objective is not None:
        lines.append(f"objective       {_decimal(result.objective)}")
    if result.bound is not None:
        lines.append(f"proven bound    {_decimal(result.bound)}")
        lines.append(f"gap to bound    {numbers.percent(result.gap or 0, CLI_LOCALE, 2)}")
    else:
        lines.append(f"proven bound    {NO_BOUND}")
    first = result.first_solution_seconds
    lines.append(
        f"first solution  {_seconds(first)}" if first is not None else "first solution  none"
    )
    shifts = f"{numbers.decimal(result.candidate_shifts, CLI_LOCALE, 0)} candidate shifts"
    lines.append(f"wall time       {_seconds(result.wall_seconds)} ({shifts})")
    if result.changes:
        kinds = Counter(c.kind for c in result.changes)
        agents = len({c.agent_id for c in result.changes})
        lines.append(
            f"changes         {kinds['added']} added, {kinds['removed']} removed, "
            f"{kinds['moved']} moved shifts for {agents} agents"
        )
    for conflict in result.conflicts:
        lines.append(f"conflict        {conflict.rule}: {conflict.detail}")
    lines += [f"warning         {warning}" for warning in result.warnings]
    return lines


def coverage_lines(report: VerificationReport) -> list[str]:
    k = report.kpis
    lines = [
        f"coverage        {numbers.percent_points(k.coverage_percent, CLI_LOCALE, 2)} "
        "of required agent-slots",
        f"unmet           {_hours(k.unmet_agent_hours)} (agent-hours)",
        f"overstaffed     {_hours(k.overstaffed_agent_hours)}",
        f"labour cost     {numbers.money(k.cost, CLI_LOCALE)} for {_hours(k.worked_hours)} worked",
    ]
    for queue in k.queues.values():
        required = sum(queue.required) * k.slot_minutes / 60
        covered = 1 - queue.unmet_agent_hours / required if required else 1.0
        lines.append(
            f"  {queue.queue:<14} required {_hours(required):>10}  "
            f"covered {numbers.percent(covered, CLI_LOCALE, 2):>8}  "
            f"unmet {_hours(queue.unmet_agent_hours):>9}"
        )
    return lines


def agent_lines(problem: Problem, report: VerificationReport) -> list[str]:
    """Hours against contract and cap: totals, and every agent with an aid cap."""
    weeks = report.kpis.agent_weeks
    below = sum(1 for w in weeks if w.hours_below_minimum > 1e-6)
    at_max = sum(1 for w in weeks if w.worked_hours >= w.contract_max_hours - 1e-6)
    idle = sum(1 for w in weeks if w.worked_hours == 0)
    lines = [
        f"agent-weeks     {len(weeks)}: {below} below contract minimum, {at_max} at maximum, "
        f"{idle} without shifts"
    ]
    lines += fairness_lines(report)
    capped = [w for w in weeks if w.aid_cap_hours is not None]
    if capped:
        lines.append(
            f"aid-capped      {len(capped)} agent-weeks (worked / cap / contract min-max):"
        )
        for w in capped:
            lines.append(
                f"  {w.agent_id:<10} week {w.week + 1}: {_one(w.worked_hours):>5} / "
                f"{_one(w.aid_cap_hours):>5} / "
                f"{_one(w.contract_min_hours)}-{_one(w.contract_max_hours)} h"
            )
    return lines


def fairness_lines(report: VerificationReport) -> list[str]:
    """How evenly comparable agents work: the widest spread of worked hours over offer."""
    groups = [g for g in report.kpis.fairness if g.agents > 1]
    if not groups:
        return []
    widest = max(groups, key=lambda g: g.spread)
    percent = numbers.percent
    return [
        f"fairness        worked / offer spread {percent(widest.spread, CLI_LOCALE, 1)} "
        f"at most (sd {percent(widest.stdev_ratio, CLI_LOCALE, 1)}), in {len(groups)} groups of "
        "comparable agents",
        f"  widest        {'+'.join(widest.skills)}, "
        f"{_one(widest.contract_min_hours)}-{_one(widest.contract_max_hours)} h, "
        f"{widest.agents} agents: {percent(widest.min_ratio, CLI_LOCALE, 1)} to "
        f"{percent(widest.max_ratio, CLI_LOCALE, 1)}",
    ]


def _one(value: float | None) -> str:
    return numbers.decimal(value, CLI_LOCALE, 1)


SHOWN_MIXES = 4


def mix_shares(countries: list[tuple[str, ...]]) -> list[tuple[str, int]]:
    """Each mix of countries with its share of the staffed slots, in whole percent.

    The most frequent mixes first, the rest as one "other" entry; rounded by largest
    remainder, so the shares always add up to exactly 100 (plain rounding of 3 x 33.3 %
    or cutting off the fifth mix once printed 99 % or less).
    """
    mixes = Counter("+".join(c) for c in countries if c)
    total = sum(mixes.values())
    if not total:
        return []
    ranked = mixes.most_common()
    shown = ranked[:SHOWN_MIXES]
    rest = sum(n for _mix, n in ranked[SHOWN_MIXES:])
    if rest:
        shown.append(("other", rest))
    exact = [100 * n / total for _mix, n in shown]
    whole = [int(x) for x in exact]
    by_remainder = sorted(range(len(shown)), key=lambda i: (whole[i] - exact[i], i))
    for i in by_remainder[: 100 - sum(whole)]:
        whole[i] += 1
    return [(mix, share) for (mix, _n), share in zip(shown, whole, strict=True)]


def country_lines(report: VerificationReport) -> list[str]:
    """Per queue, the share of staffed slots answered from each mix of countries."""
    lines = ["caller notice   countries agents answer from (share of staffed slots):"]
    for queue in report.kpis.queues.values():
        shares = ", ".join(f"{mix} {share} %" for mix, share in mix_shares(queue.countries))
        lines.append(f"  {queue.queue:<14} {shares or 'no staffed slot'}")
    return lines


def summary(problem: Problem, result: SolveResult, report: VerificationReport | None) -> str:
    lines = [f"Homeshore roster for {problem.name or 'problem'}", *solve_lines(result)]
    if report is not None:
        verdict = "every hard rule holds" if report.ok else f"{len(report.violations)} VIOLATIONS"
        lines.append(f"verifier        {verdict}")
        lines += [f"  {v}" for v in report.violations[:20]]
        lines += coverage_lines(report) + agent_lines(problem, report) + country_lines(report)
    return "\n".join(lines)
