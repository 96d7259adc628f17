"""One replication of a contact centre day after day: an event-heap simulator of our own.

Why not SimPy: the model is small (calls arrive, wait, are answered or hang up; agents come
and go), and SimPy's generator processes cost a Python frame switch per event, several per
call. Here arrivals are drawn for the whole horizon at once with numpy (Poisson counts per
queue and slot, uniform instants inside the slot, exponential handle times from the slot's
AHT and exponential patience), walked in time order, and merged with one heap of the other
events (a call ends, a caller hangs up, an agent starts or stops taking calls). No
dependency, and a week of a 1,000-agent roster runs in seconds (``bench/simulation_speed.py``).

Routing, as an ACD with skill-based routing does it:

* a call arriving on queue q goes to an idle agent holding q's skill; the idle agents are
  kept in pools by skill set, the pools with fewest skills tried first (specialists answer
  before generalists, who stay free for queues only they can take), the longest idle agent
  of a pool first;
* an agent who becomes free takes the waiting call of the highest-priority queue among
  their skills, the oldest call on ties between equal priorities;
* a caller still waiting after their patience hangs up (no patience: Erlang C's callers
  wait for ever);
* an agent whose on-phone span ends (a break, the end of a shift) finishes the call in
  hand, then leaves. Calls still waiting when nobody is left are never answered.

Figures are attributed to the slot and queue where the call *arrived*; busy time to the
slots it falls in.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from dataclasses import dataclass

import numpy as np

_ON, _OFF, _END, _ABANDON = 0, 1, 2, 3
_OFFLINE, _IDLE, _BUSY = 0, 1, 2


@dataclass(frozen=True)
class SimAgent:
    """An agent as the simulator sees them: the queues they can take and when."""

    queues: tuple[int, ...]
    spans: tuple[tuple[float, float], ...]  # seconds from the horizon's start, disjoint


@dataclass(frozen=True)
class SimInput:
    """Everything a replication needs, in plain numbers."""

    slot_seconds: float
    contacts: np.ndarray  # (queues, slots) expected offered contacts
    aht_seconds: np.ndarray  # (queues, slots)
    priorities: tuple[float, ...]
    agents: tuple[SimAgent, ...]
    patience_seconds: float | None
    answer_seconds: float


@dataclass
class Tally:
    """Counts of one replication per queue and slot (arrays of shape (queues, slots))."""

    offered: np.ndarray
    answered: np.ndarray
    in_time: np.ndarray
    abandoned: np.ndarray
    wait_answered: np.ndarray
    busy_seconds: np.ndarray


def _arrivals(
    data: SimInput, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    counts = rng.poisson(np.maximum(data.contacts, 0.0))
    queues, slots = np.nonzero(counts)
    repeat = counts[queues, slots]
    queue_of = np.repeat(queues, repeat)
    slot_of = np.repeat(slots, repeat)
    times = (slot_of + rng.random(queue_of.size)) * data.slot_seconds
    handle = rng.exponential(1.0, queue_of.size) * data.aht_seconds[queue_of, slot_of]
    if data.patience_seconds is None:
        patience = np.full(queue_of.size, math.inf)
    else:
        patience = rng.exponential(data.patience_seconds, queue_of.size)
    order = np.argsort(times, kind="stable")
    return times[order], queue_of[order], handle[order], patience[order]


def replicate(data: SimInput, rng: np.random.Generator) -> Tally:
    """Simulate the horizon once; the counts per queue and slot."""
    n_queues = data.contacts.shape[0]
    arrival_times, call_queues, handles, patiences = _arrivals(data, rng)
    # The event loop reads plain Python numbers: indexing numpy arrays one scalar at a time
    # costs more than the rest of the loop. Figures are aggregated with numpy at the end.
    times = arrival_times.tolist()
    call_queue = call_queues.tolist()
    handle = handles.tolist()
    patience = patiences.tolist()
    n_calls = len(times)
    answered_at = [-1.0] * n_calls
    call_done = [False] * n_calls
    abandoned_calls: list[int] = []

    # Idle pools by skill set; the pools a queue tries, fewest skills first.
    pool_of_skills: dict[tuple[int, ...], int] = {}
    agent_pool: list[int] = []
    for agent in data.agents:
        skills = tuple(sorted(agent.queues))
        agent_pool.append(pool_of_skills.setdefault(skills, len(pool_of_skills)))
    pools: list[deque[tuple[int, int]]] = [deque() for _ in pool_of_skills]
    by_size = sorted(pool_of_skills.items(), key=lambda item: (len(item[0]), item[1]))
    pools_of_queue = [[p for skills, p in by_size if q in skills] for q in range(n_queues)]
    # An agent's queues, highest priority first (index breaks ties).
    agent_queues = [
        sorted(set(a.queues), key=lambda q: (-data.priorities[q], q)) for a in data.agents
    ]
    priority = list(data.priorities)
    state = [_OFFLINE] * len(data.agents)
    leaving = [False] * len(data.agents)
    epoch = [0] * len(data.agents)
    waiting: list[deque[int]] = [deque() for _ in range(n_queues)]

    heap: list[tuple[float, int, int, int]] = []
    seq = 0
    for index, agent in enumerate(data.agents):
        for start, end in agent.spans:
            heap.append((start, seq, _ON, index))
            heap.append((end, seq + 1, _OFF, index))
            seq += 2
    heapq.heapify(heap)
    push = heapq.heappush
    pop = heapq.heappop

    def answer(agent: int, call: int, now: float) -> None:
        nonlocal seq
        call_done[call] = True
        answered_at[call] = now
        state[agent] = _BUSY
        seq += 1
        push(heap, (now + handle[call], seq, _END, agent))

    def free(agent: int, now: float) -> None:
        """The agent can take a call: the best waiting one, else they wait in their pool."""
        best_queue = -1
        best_key: tuple[float, float] | None = None
        for queue in agent_queues[agent]:
            line = waiting[queue]
            while line and call_done[line[0]]:
                line.popleft()
            if line:
                key = (-priority[queue], times[line[0]])
                if best_key is None or key < best_key:
                    best_key, best_queue = key, queue
        if best_queue >= 0:
            answer(agent, waiting[best_queue].popleft(), now)
            return
        state[agent] = _IDLE
        epoch[agent] += 1
        pools[agent_pool[agent]].append((agent, epoch[agent]))

    def idle_agent(queue: int) -> int:
        for pool_index in pools_of_queue[queue]:
            pool = pools[pool_index]
            while pool:
                agent, mark = pool.popleft()
                if state[agent] == _IDLE and epoch[agent] == mark:
                    return agent
        return -1

    def handle_event(kind: int, who: int, now: float) -> None:
        if kind == _END:
            if leaving[who]:
                leaving[who] = False
                state[who] = _OFFLINE
            else:
                free(who, now)
        elif kind == _ABANDON:
            if not call_done[who]:
                call_done[who] = True
                abandoned_calls.append(who)
        elif kind == _ON:
            if state[who] == _BUSY:
                leaving[who] = False
            elif state[who] == _OFFLINE:
                free(who, now)
        elif state[who] == _BUSY:  # _OFF
            leaving[who] = True
        elif state[who] == _IDLE:
            state[who] = _OFFLINE
            epoch[who] += 1

    for call in range(n_calls):
        now = times[call]
        while heap and heap[0][0] <= now:
            when, _, kind, who = pop(heap)
            handle_event(kind, who, when)
        queue = call_queue[call]
        taker = idle_agent(queue)
        if taker >= 0:
            answer(taker, call, now)
            continue
        waiting[queue].append(call)
        if patience[call] != math.inf:
            seq += 1
            push(heap, (now + patience[call], seq, _ABANDON, call))
    while heap:
        when, _, kind, who = pop(heap)
        handle_event(kind, who, when)
    return _tally(data, arrival_times, call_queues, handles, np.array(answered_at), abandoned_calls)


def _tally(
    data: SimInput,
    times: np.ndarray,
    queues: np.ndarray,
    handles: np.ndarray,
    answered_at: np.ndarray,
    abandoned_calls: list[int],
) -> Tally:
    n_queues, n_slots = data.contacts.shape
    size = n_queues * n_slots
    slot_seconds = data.slot_seconds
    slots = np.minimum((times // slot_seconds).astype(np.int64), n_slots - 1)
    cell = queues * n_slots + slots

    def count(mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        picked = None if weights is None else weights[mask]
        counted: np.ndarray = np.bincount(cell[mask], weights=picked, minlength=size)
        return counted.reshape(n_queues, n_slots)

    everyone = np.ones(times.size, dtype=bool)
    answered = answered_at >= 0
    wait = np.where(answered, answered_at - times, 0.0)
    abandoned = np.zeros(times.size, dtype=bool)
    abandoned[abandoned_calls] = True
    return Tally(
        offered=count(everyone).astype(np.int64),
        answered=count(answered).astype(np.int64),
        in_time=count(answered & (wait <= data.answer_seconds)).astype(np.int64),
        abandoned=count(abandoned).astype(np.int64),
        wait_answered=count(answered, wait),
        busy_seconds=_busy(data, queues, answered_at[answered], handles[answered], answered),
    )


def _busy(
    data: SimInput,
    queues: np.ndarray,
    starts: np.ndarray,
    handles: np.ndarray,
    answered: np.ndarray,
) -> np.ndarray:
    """Busy seconds per queue and slot, a call's time split over the slots it spans."""
    n_queues, n_slots = data.contacts.shape
    slot_seconds = data.slot_seconds
    busy = np.zeros(n_queues * n_slots)
    queue_of = queues[answered]
    ends = starts + handles
    first = (starts // slot_seconds).astype(np.int64)
    last = (ends // slot_seconds).astype(np.int64)
    inside = (first == last) & (first < n_slots)
    np.add.at(busy, queue_of[inside] * n_slots + first[inside], handles[inside])
    for q, start, end, a, b in zip(
        queue_of[~inside].tolist(),
        starts[~inside].tolist(),
        ends[~inside].tolist(),
        first[~inside].tolist(),
        last[~inside].tolist(),
        strict=True,
    ):
        for s in range(a, min(b, n_slots - 1) + 1):
            low = max(start, s * slot_seconds)
            high = min(end, (s + 1) * slot_seconds)
            if high > low:
                busy[q * n_slots + s] += high - low
    return busy.reshape(n_queues, n_slots)
