"""A series in the detail pane: a sparkline as wide as the pane, Enter opens the series view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from liaoning_tui.facts.display import number, series_unit
from liaoning_tui.facts.model import Point, Series
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.text import plain, series_notes

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"
DOWN_BLOCKS = "▔▀█"
"""Blocks hanging from the zero line, for values below it (there are no finer ones)."""


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


def stretch(values: list[float | None], width: int) -> list[float | None]:
    """The values spread over `width` cells, each value over an even share (at least one)."""
    count = len(values)
    if count == 0 or width <= count:
        return list(values)
    return [values[cell * count // width] for cell in range(width)]


def blocks(values: list[float | None]) -> list[str]:
    """Rows of a sparkline: one row scaled between min and max when all values have one sign;
    above, a zero line and below when they cross zero. A gap is `·` on the zero line."""
    known = [value for value in values if value is not None]
    if not known:
        return [GAP * len(values)]
    low, high = min(known), max(known)
    if low >= 0 or high <= 0:
        span = high - low
        row = "".join(
            GAP
            if value is None
            else BLOCKS[len(BLOCKS) // 2]
            if span == 0
            else BLOCKS[round((value - low) / span * (len(BLOCKS) - 1))]
            for value in values
        )
        return [row]
    largest = max(high, -low)
    up, zero, down = [], [], []
    for value in values:
        if value is None:
            up.append(" ")
            zero.append(GAP)
            down.append(" ")
        elif value >= 0:
            up.append(BLOCKS[round(value / largest * (len(BLOCKS) - 1))] if value else " ")
            zero.append("─")
            down.append(" ")
        else:
            up.append(" ")
            zero.append("─")
            down.append(DOWN_BLOCKS[min(2, int(-value / largest * 3))])
    return ["".join(up), "".join(zero), "".join(down)]


def _labels(series: Series, width: int) -> Text:
    """first/last/min/max, each kept whole: a line breaks between labels, never inside one."""
    found = extremes(series)
    if found is None:
        return Text()
    parts = []
    for name, point in (
        ("first", found.first),
        ("last", found.last),
        ("min", found.low),
        ("max", found.high),
    ):
        value = number(point.value) if point.value is not None else "—"
        parts.append(
            Text.assemble((f"{name} ", "dim"), (value, "bold"), f" {describe_period(point.period)}")
        )
    out, used = Text(), 0
    for part in parts:
        if used and used + 2 + len(part) > width:
            out.append("\n")
            used = 0
        elif used:
            out.append("  ")
            used += 2
        out.append_text(part)
        used += len(part)
    return out


def series_text(series: Series, width: int, palette: Palette) -> Text:
    """Heading, a sparkline `width` cells wide, labelled extremes, gaps and notes."""
    out = Text()
    out.append_text(plain(series.metric, "bold"))
    unit = series_unit(series)
    if unit:
        out.append(f" ({unit})")
    periods = [point.period for point in series.points]
    if periods:
        out.append(f"  {describe_period(periods[0])}–{describe_period(periods[-1])}", style="dim")
    out.append("\n")
    for row in blocks(stretch(series.values, width)):
        out.append(row, style=palette.accent)
        out.append("\n")
    labels = _labels(series, width)
    if labels:
        out.append_text(labels)
        out.append("\n")
    gaps = [describe_period(point.period) for point in series.points if point.value is None]
    if gaps:
        out.append("gaps: ", style="dim")
        out.append(", ".join(gaps) + "\n")
    out.append_text(series_notes(series))
    return out


class SeriesSpark(Widget, can_focus=True):
    """A series' sparkline, labels and notes; Enter (or a click) asks for its series view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Chart", tooltip="Open the series as a chart with its points"),
    ]
    DEFAULT_CSS = """
    SeriesSpark {
        height: auto;
        margin-bottom: 1;
    }
    SeriesSpark:focus {
        background: $boost;
    }
    """

    @dataclass
    class Chosen(Message):
        """Open the series view of `series_id`."""

        series_id: str

    def __init__(self, series: Series) -> None:
        super().__init__(classes="series")
        self.series = series

    def render(self) -> RenderResult:
        return series_text(self.series, max(self.content_size.width, 12), Palette.of(self.app))

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.series.id))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Chosen(self.series.id))
