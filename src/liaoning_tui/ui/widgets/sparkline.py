"""A series as a line of block characters, with its gaps kept visible and its extremes labelled."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from liaoning_tui.facts.display import number, series_unit
from liaoning_tui.facts.model import Point, Series
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.rich_text import plain, series_notes
from liaoning_tui.ui.palette import Palette

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"


def spark(values: list[float | None]) -> str:
    """One block per value, scaled between the known minimum and maximum; a gap is `·`."""
    known = [value for value in values if value is not None]
    if not known:
        return GAP * len(values)
    low, high = min(known), max(known)
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append(GAP)
        elif span == 0:
            out.append(BLOCKS[len(BLOCKS) // 2])
        else:
            out.append(BLOCKS[round((value - low) / span * (len(BLOCKS) - 1))])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Extremes:
    """The labelled points of a series."""

    first: Point
    last: Point
    low: Point
    high: Point


def extremes(series: Series) -> Extremes | None:
    """First, last, minimum and maximum of the known points; None when no point is known."""
    known = series.known
    if not known:
        return None
    return Extremes(
        first=known[0],
        last=known[-1],
        low=min(known, key=lambda point: point.value or 0.0),
        high=max(known, key=lambda point: point.value or 0.0),
    )


def _label(name: str, point: Point) -> Text:
    value = number(point.value) if point.value is not None else "—"
    return Text.assemble(
        (f"{name} ", "dim"), (f"{value}", "bold"), f" {describe_period(point.period)}"
    )


def render_series(series: Series, palette: Palette) -> Text:
    """A block of lines: heading, sparkline, labelled extremes, gaps and the confidence note."""
    unit = series_unit(series)
    periods = [point.period for point in series.points]
    span = f"{describe_period(periods[0])}–{describe_period(periods[-1])}" if periods else ""
    out = Text()
    out.append_text(plain(series.metric, "bold"))
    if unit:
        out.append(f" ({unit})")
    out.append(f"  {span}\n", style="dim")
    out.append(spark(series.values), style=palette.accent)
    out.append("\n")
    found = extremes(series)
    if found is not None:
        labels = [
            _label("first", found.first),
            _label("last", found.last),
            _label("min", found.low),
            _label("max", found.high),
        ]
        out.append_text(Text("  ").join(labels))
        out.append("\n")
    gaps = [describe_period(point.period) for point in series.points if point.value is None]
    if gaps:
        out.append("gaps: ", style="dim")
        out.append(", ".join(gaps) + "\n")
    out.append_text(series_notes(series))
    return out
