"""Tables for people: the solve summary, rendered from the lines ``api.reports`` builds.

The reports stay the one source of what the summary says (verdict, coverage, unmet hours
per queue, aid caps, caller notice, and whatever is added there later); this module only
lays their lines out. A report line is ``label`` then two or more spaces then the value;
an indented line details the row above it, and a rule closes each such block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

_LABELLED = re.compile(r"^(\S.*?)\s{2,}(\S.*)$")


def lines_table(lines: Sequence[str], title: str | None = None) -> Table:
    """One row per line: a label column and a value column, detail lines under their row."""
    table = Table(title=title, title_justify="left", show_header=False, show_lines=False)
    table.add_column("item", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    after_detail = False
    for line in lines:
        if line.startswith(" "):
            table.add_row("", line.strip())
            after_detail = True
            continue
        if after_detail:
            table.add_section()
            after_detail = False
        match = _LABELLED.match(line)
        if match is None:
            table.add_row(line.rstrip(), "")
        else:
            table.add_row(match.group(1), match.group(2))
    return table


def print_table(console: Console, table: Table) -> None:
    """On a terminal, fit the terminal; in a file or pipe, never wrap a line."""
    if console.is_terminal:
        console.print(table)
    else:
        wide = console.options.update_width(10_000)
        width = console.measure(table, options=wide).maximum
        Console(file=console.file, width=width).print(table)


def print_summary(console: Console, summary_text: str, service: Sequence[str] = ()) -> None:
    """The text of ``api.reports.solve_summary.summary`` (title line first), and the
    expected service lines: as tables on a terminal, as the reports' own lines in a file or
    pipe (what logs and scripts have always read)."""
    if not console.is_terminal:
        print("\n".join([summary_text, *service]))
        return
    title, *lines = summary_text.splitlines()
    console.print(lines_table(lines, title))
    if service:
        console.print(lines_table(service, "Expected service"))
