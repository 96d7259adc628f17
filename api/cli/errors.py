"""The one error a command helper raises for a problem the person at the terminal can fix.

``main`` prints it as ``homeshore: <message>`` on stderr and exits with its code, so helpers
deep in a command (opening the database, say) need not thread exit codes back by hand.
"""

from __future__ import annotations


class CommandError(Exception):
    """``str()`` is one sentence for people; ``exit_code`` is the process status."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
