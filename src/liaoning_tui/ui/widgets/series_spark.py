"""The series in the detail pane: sparklines as wide as the pane; Enter opens the series view of
the one under the cursor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from liaoning_tui.facts.display import number, series_unit
from liaoning_tui.facts.model import Point, Series
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.rich_text import plain, series_notes
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.palette import Palette

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


class SeriesSparks(Widget, can_focus=True):
    """Every series of an entity, one under the other; j/k pick one, Enter (or a click) asks for
    its series view. One widget for them all, so moving in the tree mounts nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "choose",
            "Chart",
            id="chart-series",
            tooltip="Open the series under the cursor as a chart with its points and sources",
        ),
        *vim_moves("cursor_down", "cursor_up"),
        Binding("down", "cursor_down", "Next series", show=False),
        Binding("up", "cursor_up", "Previous series", show=False),
    ]
    DEFAULT_CSS = """
    SeriesSparks {
        height: auto;
    }
    """

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Chosen(Message):
        """Open the series view of `series_id`."""

        series_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series: tuple[Series, ...] = ()
        self.tops: list[int] = []
        """The first line of each series, as last rendered."""
        self.laid_out_width = 0
        """The width the last layout gave the series."""

    def show(self, series: tuple[Series, ...]) -> None:
        """Draw `series`, the cursor on the first."""
        self.series = series
        self.set_reactive(SeriesSparks.cursor, 0)
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The lines the series take at `width`, which `render` then draws at: asking the
        widget's own size while it is laid out made Textual lay out the screen again."""
        self.laid_out_width = width
        return len(self.render().wrap(self.app.console, width)) if self.series else 0

    def render(self) -> Text:
        width = max(self.laid_out_width, 12)
        palette = Palette.of(self.app)
        out = Text()
        self.tops = []
        for index, series in enumerate(self.series):
            if index:
                out.append("\n\n")
            self.tops.append(out.plain.count("\n"))
            marked = self.has_focus and index == self.cursor
            out.append("▶ " if marked else "", style="bold")
            out.append_text(series_text(series, width - (2 if marked else 0), palette))
        return out

    def watch_cursor(self) -> None:
        self.refresh()
        if self.tops and 0 <= self.cursor < len(self.tops):
            top = self.tops[self.cursor]
            end = self.tops[self.cursor + 1] if self.cursor + 1 < len(self.tops) else top + 8
            parent = self.parent
            if isinstance(parent, Widget):
                region = self.virtual_region
                parent.scroll_to_region(
                    Region(0, region.y + top, region.width, end - top), animate=False
                )

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor_down(self) -> None:
        self.cursor = min(self.cursor + 1, max(len(self.series) - 1, 0))

    def action_cursor_up(self) -> None:
        self.cursor = max(self.cursor - 1, 0)

    def action_choose(self) -> None:
        if 0 <= self.cursor < len(self.series):
            self.post_message(self.Chosen(self.series[self.cursor].id))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        chosen = max((index for index, top in enumerate(self.tops) if top <= event.y), default=0)
        self.cursor = chosen
        self.action_choose()
