"""Erlang A (M/M/n+M, Palm's model): callers hang up after an exponential patience.

Why: with abandonment a queue is always stable, and for small queues the staffing answer
differs materially from Erlang C, which assumes infinitely patient callers.

Method. The number of contacts in the system is a birth-death chain (Palm 1943; Garnett,
Mandelbaum & Reiman, "Designing a call center with impatient customers", M&SOM 4(3), 2002):
arrivals at rate ``lam``, departures at ``min(k, n) mu + max(k - n, 0) theta`` where ``mu =
1 / AHT`` and ``theta = 1 / mean patience``. Its stationary law is computed in log space
(``lgamma``, log-sum-exp) on a state space truncated far beyond the mass. An arrival sees
the stationary law (PASTA). A caller who finds ``m`` others waiting moves up the queue at
rate ``n mu + i theta`` (``i`` callers ahead) while hanging up at rate ``theta``, so:

* it is answered with probability ``n mu / (n mu + (m + 1) theta)``;
* given answered, its wait is a sum of exponentials of rates ``n mu + j theta``,
  ``j = 1..m+1``, whose tail is the regularised incomplete beta
  ``P(W > t) = I_{exp(-theta t)}(n mu / theta + 1, m + 1)`` (expand the hypo-exponential
  tail and sum the binomial series; checked against a matrix exponential in the tests).

Reported: service level = share of *offered* contacts answered within the target time
(abandoned contacts count as missed), two ASAs, probability of waiting, probability of
abandoning, and occupancy = carried load / agents. The two ASAs differ by whom they average
over: ``asa_seconds`` is the mean wait of *answered* contacts (the usual ACD report, what
``--asa`` targets), ``asa_all_seconds`` the mean wait of *all arrivals*, an abandoner's wait
being the time until they hang up. The latter follows from Little's law, mean number
waiting / arrival rate, and is what pyworkforce's ``ErlangA.waiting_time`` returns (its
regression case: 100 calls per 30 min, AHT 180 s, 14 agents, patience 300 s -> 4.195 s,
where the answered-calls ASA is 3.88 s). The same
definitions as Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call
centers" (2007), where they overlap.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import betainc, gammaln, logsumexp

from solver.staffing.erlang_c import required_agents as erlang_c_required_agents
from solver.staffing.metrics import QueueMetrics

_TAIL_SIGMAS = 12.0


def erlang_a_metrics(
    agents: int,
    load: float,
    aht_seconds: float,
    patience_seconds: float,
    answer_seconds: float,
) -> QueueMetrics:
    """Service of one interval with ``agents`` staffed and callers of mean patience given."""
    if agents < 0:
        raise ValueError(f"agents must be >= 0, got {agents}")
    if patience_seconds <= 0:
        raise ValueError(f"mean patience must be > 0 s, got {patience_seconds}")
    if aht_seconds <= 0:
        raise ValueError(f"average handle time must be > 0 s, got {aht_seconds}")
    if load < 0:
        raise ValueError(f"offered load must be >= 0, got {load}")
    if load == 0:
        return QueueMetrics(agents, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    if agents == 0:  # every caller waits until they hang up
        return QueueMetrics(0, load, 0.0, math.inf, 1.0, 0.0, 1.0, patience_seconds)

    mu = 1.0 / aht_seconds
    theta = 1.0 / patience_seconds
    lam = load * mu
    service_rate = agents * mu
    log_pi = _log_stationary(agents, lam, mu, theta)
    pi = np.exp(log_pi - logsumexp(log_pi))

    queued = pi[agents:]
    ahead = np.arange(queued.size, dtype=float)
    answered_if_queued = service_rate / (service_rate + (ahead + 1.0) * theta)
    tail_at_target = betainc(
        service_rate / theta + 1.0, ahead + 1.0, math.exp(-theta * answer_seconds)
    )
    rates = service_rate + (ahead + 1.0) * theta
    mean_wait_if_answered = np.cumsum(1.0 / rates)

    prob_wait = float(queued.sum())
    prob_abandon = float(np.sum(queued * (1.0 - answered_if_queued)))
    answered_late_or_not = float(
        np.sum(queued * (1.0 - answered_if_queued * (1.0 - tail_at_target)))
    )
    answered_wait_total = float(np.sum(queued * answered_if_queued * mean_wait_if_answered))
    prob_answered = 1.0 - prob_abandon
    waiting = float(np.sum(queued * ahead))  # mean number waiting; Little: over arrivals
    return QueueMetrics(
        agents=agents,
        load_erlangs=load,
        service_level=1.0 - answered_late_or_not,
        asa_seconds=answered_wait_total / prob_answered if prob_answered > 0 else math.inf,
        prob_wait=prob_wait,
        occupancy=min(1.0, load * prob_answered / agents),
        prob_abandon=prob_abandon,
        asa_all_seconds=waiting / lam,
    )


def _log_stationary(agents: int, lam: float, mu: float, theta: float) -> np.ndarray:
    """Unnormalised log stationary probabilities of 0 .. n + J contacts in the system."""
    load = lam / mu
    k = np.arange(agents + 1, dtype=float)
    log_low = k * math.log(load) - gammaln(k + 1.0)
    peak = max(0.0, (lam - agents * mu) / theta)
    spread = math.sqrt(lam / theta + 1.0)
    extra = int(peak + _TAIL_SIGMAS * spread + 30)
    j = np.arange(1, extra + 1, dtype=float)
    log_high = log_low[-1] + np.cumsum(math.log(lam) - np.log(agents * mu + j * theta))
    return np.concatenate([log_low, log_high])


def erlang_a_required_agents(
    load: float,
    aht_seconds: float,
    patience_seconds: float,
    *,
    service_level_target: float | None = 0.8,
    answer_seconds: float = 20.0,
    max_asa_seconds: float | None = None,
    max_occupancy: float = 1.0,
) -> int:
    """Fewest agents meeting every given target under Erlang A.

    Service level rises and ASA and occupancy fall with each added agent, so the feasible
    counts form an upper interval. The Erlang C answer is the starting point: usually it
    meets the target and the search walks down a few agents; otherwise (callers abandoning
    within the target time can miss it) a doubling search and bisection go up.
    """
    if service_level_target is None and max_asa_seconds is None:
        raise ValueError("give a service-level target or an average-speed-of-answer target")
    if load == 0:
        return 0

    def meets(agents: int) -> bool:
        m = erlang_a_metrics(agents, load, aht_seconds, patience_seconds, answer_seconds)
        return (
            (service_level_target is None or m.service_level >= service_level_target)
            and (max_asa_seconds is None or m.asa_seconds <= max_asa_seconds)
            and m.occupancy <= max_occupancy
        )

    start = int(
        erlang_c_required_agents(
            load,
            aht_seconds,
            service_level_target=service_level_target,
            answer_seconds=answer_seconds,
            max_asa_seconds=max_asa_seconds,
            max_occupancy=max_occupancy,
        )
    )
    if meets(start):
        # Abandonment usually lowers the need by a few agents: walk down from Erlang C.
        high = start
        while high > 0 and meets(high - 1):
            high -= 1
        return high
    low, high = start, 2 * start
    while not meets(high):
        low, high = high, 2 * high
    while high - low > 1:
        middle = (low + high) // 2
        if meets(middle):
            high = middle
        else:
            low = middle
    return high
