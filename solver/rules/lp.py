"""Linear rows as the LP forms of the rules write them (``solver.bound`` solves them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class LinearRows:
    """Sparse ``A x <= b`` (or ``== b``) rows assembled row by row."""

    rows: list[int]
    cols: list[int]
    vals: list[float]
    rhs: list[float]

    @classmethod
    def empty(cls) -> LinearRows:
        return cls([], [], [], [])

    def add(self, entries: list[tuple[int, float]], rhs: float) -> None:
        row = len(self.rhs)
        for col, val in entries:
            self.rows.append(row)
            self.cols.append(col)
            self.vals.append(val)
        self.rhs.append(rhs)
