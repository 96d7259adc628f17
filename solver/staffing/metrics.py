"""What a queue model says about one interval, shared by Erlang C and Erlang A."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class UnstableQueue(ValueError):
    """The offered load needs more agents than given: the queue has no steady state.

    Erlang C assumes nobody hangs up, so with ``agents <= load`` the queue grows without
    limit and no service level, wait or occupancy exists. Callers either add agents or use
    Erlang A (abandonment), which is always stable.
    """

    def __init__(self, agents: int, load: float) -> None:
        self.agents = agents
        self.load = load
        super().__init__(
            f"offered load is {load:.2f} Erlangs but only {agents} agent(s) are staffed: "
            f"with agents <= load the Erlang C queue grows without limit (no steady state). "
            f"Staff at least {int(load) + 1} agents, or model abandonment with a patience "
            f"(Erlang A)."
        )


@dataclass(frozen=True)
class QueueMetrics:
    """Expected service in one interval for a number of agents.

    ``service_level`` is the share of offered contacts answered within the target answer
    time; ``asa_seconds`` is the mean wait of answered contacts; ``occupancy`` is the share of
    staffed time agents spend handling contacts. ``prob_abandon`` is None under Erlang C.
    ``asa_all_seconds`` is the mean wait of all arrivals, abandoners included (until they
    hang up); None under Erlang C, where nobody abandons and it equals ``asa_seconds``: read
    it through :attr:`mean_wait_all_arrivals`.
    """

    agents: int
    load_erlangs: float
    service_level: float
    asa_seconds: float
    prob_wait: float
    occupancy: float
    prob_abandon: float | None = None
    asa_all_seconds: float | None = None

    @property
    def mean_wait_all_arrivals(self) -> float:
        """Mean wait over every arrival, abandoners included (= ASA when nobody abandons)."""
        return self.asa_seconds if self.asa_all_seconds is None else self.asa_all_seconds

    def as_dict(self) -> dict[str, float | int | None]:
        return asdict(self)


def offered_load(contacts: float, aht_seconds: float, interval_seconds: float) -> float:
    """Offered load in Erlangs: the mean number of agents busy if nobody waited."""
    if interval_seconds <= 0:
        raise ValueError(f"interval length must be positive, got {interval_seconds} s")
    if contacts < 0:
        raise ValueError(f"contacts must be >= 0, got {contacts}")
    if aht_seconds <= 0:
        raise ValueError(f"average handle time must be positive, got {aht_seconds} s")
    return contacts * aht_seconds / interval_seconds
