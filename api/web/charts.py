"""Plotly figures (plain ``{"data", "layout"}`` dicts) for the Gantt, coverage and progress.

The pages embed these as JSON and a few lines of JavaScript hand them to Plotly.js; every
chart also has a table beside it, so nothing here is the only way to read a figure.
Times are naive local times: Plotly draws them as they are, in the zone the page names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

# Colour-blind-safe (Okabe-Ito), each readable against white.
QUEUE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F6000")
BREAK_COLOUR = "#4D4D4D"
ABSENCE_COLOUR = "#B00020"
Figure = dict[str, Any]


# Tick labels by zoom: weekday and date across days, hours within one.
DATE_TICKS = [
    {"dtickrange": [None, 86_400_000 - 1], "value": "%H:%M<br>%a %d %b"},
    {"dtickrange": [86_400_000, None], "value": "%a %d %b"},
]
# Room under the Gantt's plot for two lines of tick labels, a gap, then the legend.
GANTT_BOTTOM = 100
LEGEND_GAP_PX = 48


def _legend_below(plot_height_px: int) -> dict[str, Any]:
    """A horizontal legend a fixed number of pixels under the x-axis, whatever the height.

    Plotly places legends in fractions of the plot's height, so a fixed fraction lands on the
    tick labels of a short chart and far below a tall one.
    """
    return {
        "orientation": "h",
        "x": 0,
        "y": -LEGEND_GAP_PX / max(plot_height_px, 1),
        "yanchor": "top",
    }


@dataclass(frozen=True)
class Bar:
    """One bar of the Gantt: a row (agent), a local span, and the text shown on hover."""

    row: str
    start: datetime
    end: datetime
    label: str


def _bars(name: str, colour: str, bars: Sequence[Bar], pattern: str = "") -> dict[str, Any]:
    marker: dict[str, Any] = {"color": colour}
    if pattern:
        marker["pattern"] = {"shape": pattern, "fgcolor": "#ffffff"}
    return {
        "type": "bar",
        "orientation": "h",
        "name": name,
        "y": [b.row for b in bars],
        "base": [b.start.isoformat() for b in bars],
        "x": [(b.end - b.start).total_seconds() * 1000 for b in bars],
        "text": [b.label for b in bars],
        "hovertemplate": "%{y}: %{text}<extra>" + name + "</extra>",
        "textposition": "none",
        "marker": marker,
    }


HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS


@dataclass(frozen=True)
class GanttWindow:
    """The span the Gantt opens on (naive local times) and how its axis is ticked.

    ``zoom`` is ``"day"`` (hour ticks, the chosen day from midnight to midnight), ``"week"``
    or ``"all"`` (a labelled tick each midnight from the first one, hour minor ticks).
    """

    start: datetime
    end: datetime
    zoom: str


def _time_axis(window: GanttWindow) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "type": "date",
        "range": [window.start.isoformat(), window.end.isoformat()],
        "tick0": window.start.isoformat(),
    }
    if window.zoom == "day":
        axis |= {"dtick": HOUR_MS, "tickformat": "%H:%M", "tickangle": -60}
    else:
        days = (window.end - window.start).total_seconds() * 1000 / DAY_MS
        axis |= {
            "dtick": DAY_MS if days <= 14 else 7 * DAY_MS,
            "tickformat": "%a %d %b",
            "ticklabelmode": "period",
            "minor": {"dtick": 6 * HOUR_MS, "showgrid": True, "ticks": "outside"},
        }
    return axis


def gantt(
    rows: list[str],
    by_queue: dict[str, list[Bar]],
    breaks: list[Bar],
    absences: list[Bar],
    labels: dict[str, str],
    window: GanttWindow,
) -> Figure:
    """One horizontal bar trace per queue, then breaks and absences drawn over them.

    The axis shows ``window`` (the page's links choose it); the reader can still zoom with
    the mouse and the modebar's reset returns to the window.
    """
    data = [
        _bars(queue, QUEUE_COLOURS[i % len(QUEUE_COLOURS)], bars)
        for i, (queue, bars) in enumerate(sorted(by_queue.items()))
    ]
    data.append(_bars(labels["breaks"], BREAK_COLOUR, breaks))
    data.append(_bars(labels["absences"], ABSENCE_COLOUR, absences, pattern="/"))
    if rows:  # an invisible point per row, so agents without a shift keep their row
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "y": rows,
                "x": [window.start.isoformat()] * len(rows),
                "marker": {"opacity": 0},
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
    height = 150 + 26 * max(len(rows), 1)
    return {
        "data": data,
        "layout": {
            "barmode": "overlay",
            "height": height,
            "margin": {"l": 90, "r": 10, "t": 20, "b": GANTT_BOTTOM},
            "legend": _legend_below(height - 20 - GANTT_BOTTOM),
            "xaxis": _time_axis(window),
            "yaxis": {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": rows,
                "range": [len(rows) - 0.5, -0.5],
            },
        },
    }


def coverage(
    starts: list[datetime], required: list[int], scheduled: list[int], labels: dict[str, str]
) -> Figure:
    """Required and scheduled agents as step lines; under-staffed slots marked."""
    x = [s.isoformat() for s in starts]
    short = [(s, n) for s, r, n in zip(x, required, scheduled, strict=True) if n < r]
    step = {"shape": "hv"}
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "name": labels["required"],
                "x": x,
                "y": required,
                "line": {**step, "color": "#000000", "dash": "dot"},
            },
            {
                "type": "scatter",
                "mode": "lines",
                "name": labels["scheduled"],
                "x": x,
                "y": scheduled,
                "line": {**step, "color": QUEUE_COLOURS[0]},
            },
            {
                "type": "scatter",
                "mode": "markers",
                "name": labels["understaffed"],
                "x": [s for s, _ in short],
                "y": [n for _, n in short],
                "marker": {"color": ABSENCE_COLOUR, "symbol": "x", "size": 9},
            },
        ],
        "layout": {
            "height": 300,
            "margin": {"l": 40, "r": 10, "t": 30, "b": 40},
            "legend": {"orientation": "h", "y": 1.1},
            "xaxis": {"type": "date", "tickformatstops": DATE_TICKS},
            "yaxis": {"title": {"text": labels["agents"]}, "rangemode": "tozero"},
        },
    }


def progress(points: list[dict[str, Any]], labels: dict[str, str]) -> Figure:
    """Objective and best bound over the solve's seconds."""
    seconds = [p["seconds"] for p in points]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": labels["objective"],
                "x": seconds,
                "y": [p["objective"] for p in points],
                "line": {"shape": "hv", "color": QUEUE_COLOURS[0]},
            },
            {
                "type": "scatter",
                "mode": "lines",
                "name": labels["bound"],
                "x": seconds,
                "y": [p.get("bound") for p in points],
                "line": {"shape": "hv", "color": QUEUE_COLOURS[1], "dash": "dash"},
            },
        ],
        "layout": {
            "height": 300,
            "margin": {"l": 60, "r": 10, "t": 30, "b": 40},
            "legend": {"orientation": "h", "y": 1.1},
            "xaxis": {"title": {"text": labels["seconds"]}, "rangemode": "tozero"},
        },
    }


@dataclass(frozen=True)
class Series:
    """One line of a time chart: a name, naive local times and their values."""

    name: str
    starts: list[datetime]
    values: list[float]


def forecast(history: list[Series], forecast_lines: list[Series], labels: dict[str, str]) -> Figure:
    """Contacts per interval: the history (solid) beside the period's forecast (dashed)."""
    data = []
    for i, line in enumerate(history):
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{line.name} · {labels['history']}",
                "x": [s.isoformat() for s in line.starts],
                "y": line.values,
                "line": {"shape": "hv", "color": QUEUE_COLOURS[i % len(QUEUE_COLOURS)]},
            }
        )
    for i, line in enumerate(forecast_lines):
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{line.name} · {labels['forecast']}",
                "x": [s.isoformat() for s in line.starts],
                "y": line.values,
                "line": {
                    "shape": "hv",
                    "dash": "dash",
                    "color": QUEUE_COLOURS[i % len(QUEUE_COLOURS)],
                },
            }
        )
    return {
        "data": data,
        "layout": {
            "height": 320,
            "margin": {"l": 50, "r": 10, "t": 30, "b": 40},
            "legend": {"orientation": "h", "y": 1.15},
            "xaxis": {"type": "date", "tickformatstops": DATE_TICKS},
            "yaxis": {"title": {"text": labels["contacts"]}, "rangemode": "tozero"},
        },
    }
