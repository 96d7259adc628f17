"""History reshaped as one row per observed day and one column per interval of the day.

Both the forecasting methods and the accuracy checks work on this shape: a weekday is a
row's seasonal key and a column is the time of day, so weekly and intraday seasonality
are both explicit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from solver.forecast.history import History

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class DayMatrix:
    """Values for each observed day (rows, ascending dates) and interval of the day."""

    dates: tuple[date, ...]
    values: FloatArray
    interval_minutes: int

    @property
    def slots_per_day(self) -> int:
        return 1440 // self.interval_minutes

    def before(self, day: date) -> DayMatrix:
        """The days strictly before ``day``: a training set for a forecast from ``day``."""
        keep = [i for i, d in enumerate(self.dates) if d < day]
        return DayMatrix(
            tuple(self.dates[i] for i in keep), self.values[keep], self.interval_minutes
        )

    def since(self, day: date) -> DayMatrix:
        keep = [i for i, d in enumerate(self.dates) if d >= day]
        return DayMatrix(
            tuple(self.dates[i] for i in keep), self.values[keep], self.interval_minutes
        )


def daily_matrices(history: History, queue: str) -> tuple[DayMatrix, DayMatrix]:
    """Contacts and handled seconds (contacts x AHT) of one queue, per day and interval.

    Every date the file covers is a row, for every queue: a queue silent on an observed day
    offered no contacts that day.
    """
    dates = history.dates
    row_of = {day: i for i, day in enumerate(dates)}
    step = history.interval_minutes
    contacts = np.zeros((len(dates), 1440 // step))
    handled = np.zeros_like(contacts)
    for row in history.rows:
        if row.queue != queue:
            continue
        i = row_of[row.start.date()]
        j = (row.start.hour * 60 + row.start.minute) // step
        contacts[i, j] += row.contacts
        handled[i, j] += row.contacts * (row.aht_seconds or 0.0)
    return (
        DayMatrix(tuple(dates), contacts, step),
        DayMatrix(tuple(dates), handled, step),
    )
