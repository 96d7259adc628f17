"""The independent roster verifier: ``verify(problem, roster) -> VerificationReport``.

It re-checks every hard rule and recomputes coverage, cost and the objective with its own
time arithmetic; see docs/verifier.md for the rule codes.
"""

from solver.verifier.report import (
    OBJECTIVE_TERMS,
    AgentWeek,
    FairnessGroup,
    Kpis,
    QueueCoverage,
    SlotCoverage,
    VerificationReport,
    Violation,
)
from solver.verifier.verify import verify

__all__ = [
    "OBJECTIVE_TERMS",
    "AgentWeek",
    "FairnessGroup",
    "Kpis",
    "QueueCoverage",
    "SlotCoverage",
    "VerificationReport",
    "Violation",
    "verify",
]
