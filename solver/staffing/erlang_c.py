"""Erlang C (M/M/n, callers never hang up): waiting probability, service level, staffing.

Numerics. No factorials: the Erlang B blocking probability is either built by the classic
recursion ``B(k) = a B(k-1) / (k + a B(k-1))`` (always in [0, 1], so it never overflows) or,
for a start far up the ladder, taken in log space as ``B(n) = poisson_pmf(n; a) /
poisson_cdf(n; a)`` with ``lgamma`` and the regularised incomplete gamma function. Erlang C
follows from Erlang B as ``C = n B / (n - a (1 - B))`` (Cooper, *Introduction to Queueing
Theory*, 2nd ed., eq. 2.5.x; the identity used by every Erlang calculator).

Staffing search. Required agents start at the smallest stable count, ``floor(a) + 1`` (and
at ``ceil(a / max_occupancy)`` when occupancy is capped); the recursion then steps up one
agent at a time, only for the intervals not yet meeting their target. By square-root
staffing the number of steps is of the order of ``sqrt(a)``, so a year of 15-minute slots
across 10 queues takes a few dozen vectorised steps.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import gammaincc, gammaln

from solver.staffing.metrics import QueueMetrics, UnstableQueue

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def erlang_b(agents: int, load: float) -> float:
    """Blocking probability of an M/M/n/n system, by the stable upward recursion."""
    if agents < 0 or load < 0:
        raise ValueError("agents and load must be >= 0")
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def _erlang_b_log_space(agents: FloatArray, load: FloatArray) -> FloatArray:
    """Erlang B for ``agents >= load`` (elementwise), from log pmf over the Poisson cdf.

    For ``agents >= load`` the Poisson cdf is above about one half, so nothing underflows.
    """
    safe_load = np.where(load > 0, load, 1.0)
    log_pmf = agents * np.log(safe_load) - safe_load - gammaln(agents + 1.0)
    cdf = gammaincc(agents + 1.0, safe_load)
    blocking = np.exp(log_pmf) / cdf
    return np.where(load > 0, blocking, 0.0)


def _erlang_c_from_b(agents: FloatArray, load: FloatArray, blocking: FloatArray) -> FloatArray:
    return agents * blocking / (agents - load * (1.0 - blocking))


def prob_wait(agents: ArrayLike, load: ArrayLike) -> FloatArray:
    """Erlang C: probability an arriving contact waits. NaN where ``agents <= load``."""
    n, a = np.broadcast_arrays(np.asarray(agents, dtype=float), np.asarray(load, dtype=float))
    stable = n > a
    n_ok = np.where(stable, n, a + 1.0)
    result = _erlang_c_from_b(n_ok, a, _erlang_b_log_space(n_ok, a))
    return np.where(stable, result, np.nan)


def service_level(
    agents: ArrayLike, load: ArrayLike, aht_seconds: ArrayLike, answer_seconds: float
) -> FloatArray:
    """Share of contacts answered within ``answer_seconds``; 0 where ``agents <= load``.

    ``SL = 1 - C exp(-(n - a) T / AHT)``. An unstable interval gets 0 because its queue,
    and so every wait, keeps growing: a conservative reading used when judging a roster.
    """
    n = np.asarray(agents, dtype=float)
    a = np.asarray(load, dtype=float)
    aht = np.asarray(aht_seconds, dtype=float)
    wait = prob_wait(n, a)
    level = 1.0 - wait * np.exp(-(n - a) * answer_seconds / aht)
    return np.where(np.isnan(wait), 0.0, level)


def mean_wait_seconds(agents: ArrayLike, load: ArrayLike, aht_seconds: ArrayLike) -> FloatArray:
    """Average speed of answer ``C AHT / (n - a)``; +inf where ``agents <= load``."""
    n = np.asarray(agents, dtype=float)
    a = np.asarray(load, dtype=float)
    aht = np.asarray(aht_seconds, dtype=float)
    wait = prob_wait(n, a)
    gap = np.where(n > a, n - a, 1.0)
    return np.where(np.isnan(wait), np.inf, wait * aht / gap)


def required_agents(
    load: ArrayLike,
    aht_seconds: ArrayLike,
    *,
    service_level_target: float | None = 0.8,
    answer_seconds: float = 20.0,
    max_asa_seconds: float | None = None,
    max_occupancy: float = 1.0,
) -> IntArray:
    """Fewest agents meeting every given target, elementwise over arrays of intervals.

    Targets: service level (share answered within ``answer_seconds``), average speed of
    answer, and an occupancy cap (``load / agents <= max_occupancy``). A zero load needs 0
    agents. At least one of the service level or ASA targets must be given.
    """
    _check_targets(service_level_target, answer_seconds, max_asa_seconds, max_occupancy)
    a, aht = np.broadcast_arrays(
        np.asarray(load, dtype=float), np.asarray(aht_seconds, dtype=float)
    )
    if np.any(a < 0) or not np.all(np.isfinite(a)):
        raise ValueError("offered load must be finite and >= 0")
    if np.any((a > 0) & (aht <= 0)):
        raise ValueError("average handle time must be positive where contacts are offered")
    shape = a.shape
    a = a.ravel()
    aht = np.where(a > 0, aht.ravel(), 1.0)
    result = np.zeros(a.shape, dtype=np.int64)
    active = np.flatnonzero(a > 0)
    n = np.maximum(np.floor(a[active]) + 1.0, np.ceil(a[active] / max_occupancy - 1e-9))
    blocking = _erlang_b_log_space(n, a[active])
    load_a, aht_a = a[active], aht[active]
    while active.size:
        wait = _erlang_c_from_b(n, load_a, blocking)
        ok = np.ones(active.size, dtype=bool)
        if service_level_target is not None:
            level = 1.0 - wait * np.exp(-(n - load_a) * answer_seconds / aht_a)
            ok &= level >= service_level_target
        if max_asa_seconds is not None:
            ok &= wait * aht_a / (n - load_a) <= max_asa_seconds
        result[active[ok]] = n[ok].astype(np.int64)
        keep = ~ok
        active, n, blocking = active[keep], n[keep] + 1.0, blocking[keep]
        load_a, aht_a = load_a[keep], aht_a[keep]
        blocking = load_a * blocking / (n + load_a * blocking)
    return result.reshape(shape)


def _check_targets(
    service_level_target: float | None,
    answer_seconds: float,
    max_asa_seconds: float | None,
    max_occupancy: float,
) -> None:
    if service_level_target is None and max_asa_seconds is None:
        raise ValueError("give a service-level target or an average-speed-of-answer target")
    if service_level_target is not None and not 0 < service_level_target < 1:
        raise ValueError(f"service level target must be in (0, 1), got {service_level_target}")
    if answer_seconds < 0:
        raise ValueError(f"target answer time must be >= 0 s, got {answer_seconds}")
    if max_asa_seconds is not None and max_asa_seconds <= 0:
        raise ValueError(f"ASA target must be > 0 s, got {max_asa_seconds}")
    if not 0 < max_occupancy <= 1:
        raise ValueError(f"maximum occupancy must be in (0, 1], got {max_occupancy}")


def erlang_c_metrics(
    agents: int, load: float, aht_seconds: float, answer_seconds: float
) -> QueueMetrics:
    """Service of one interval with ``agents`` staffed; raises UnstableQueue if overloaded."""
    if agents < 0:
        raise ValueError(f"agents must be >= 0, got {agents}")
    if load == 0:
        return QueueMetrics(agents, 0.0, 1.0, 0.0, 0.0, 0.0)
    if agents <= load:
        raise UnstableQueue(agents, load)
    wait = float(prob_wait(agents, load))
    return QueueMetrics(
        agents=agents,
        load_erlangs=load,
        service_level=1.0 - wait * math.exp(-(agents - load) * answer_seconds / aht_seconds),
        asa_seconds=wait * aht_seconds / (agents - load),
        prob_wait=wait,
        occupancy=load / agents,
    )
