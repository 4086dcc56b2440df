"""One series, or several of one unit, as a chart over a table of their points with sources."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from liaoning_tui.facts.compare import Chart, chart, find_series, refusal
from liaoning_tui.facts.display import series_unit
from liaoning_tui.facts.model import FactBase, Point
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.series_rows import point_copy, point_value, source_full
from liaoning_tui.rich_text import plain, series_notes
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.widgets.point_table import PointTable
from liaoning_tui.ui.widgets.series_chart import SeriesChart

WIDE = 150
"""From this many columns the table stands beside the chart instead of below it."""
TALL = 40
"""From this many rows the scope and confidence notes are shown whole."""


class SeriesScreen(Screen[None]):
    """Shows the series `ids` (the first one's unit rules); j/k move through the periods."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="close", tooltip="Back to where you were"),
        Binding("y", "copy", "Copy", id="copy", tooltip="Copy the selected point with its source"),
        Binding("s", "source", "Source", id="source", tooltip="The selected point's source"),
        Binding("a", "add", "Compare", id="compare", tooltip="Add a series of the same unit"),
        Binding("d", "drop", "Drop", id="drop", tooltip="Remove the last series added"),
        Binding("e", "entity", "Entity", id="entity", tooltip="Go to the first series' entity"),
    ]

    def __init__(self, series_id: str) -> None:
        super().__init__()
        self.ids: list[str] = [series_id]
        self.chart = Chart((), (), "", "")
        """What is drawn: the series `ids` on one axis, made by `redraw`."""

    def compose(self) -> ComposeResult:
        with Vertical(id="series-view"):
            yield Static(id="series-head")
            with Horizontal(id="series-body"):
                yield SeriesChart(id="series-chart")
                yield PointTable(cursor_type="row", zebra_stripes=True, id="points")
            yield Static(id="point-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_class(self.app.size.width >= WIDE, "-wide")
        self.set_class(self.app.size.height >= TALL, "-tall")
        self.redraw()
        self.query_one(PointTable).focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")
        self.set_class(event.size.height >= TALL, "-tall")
        if self.chart.lines:
            self.query_one("#series-head", Static).update(self._head(self.chart))

    def redraw(self) -> None:
        """Draw the series `ids` of the app's fact base: the chart is made here only, so a
        point move reuses it."""
        facts = facts_of(self)
        shown = chart([found for key in self.ids if (found := find_series(facts, key))])
        self.chart = shown
        self.query_one("#series-head", Static).update(self._head(shown))
        plot = self.query_one(SeriesChart)
        plot.chart = shown
        table = self.query_one(PointTable)
        table.show(facts, shown)
        self._follow(table.cursor_row)

    def _head(self, shown: Chart) -> Text:
        """Title, then scope and confidence: whole on a tall terminal, a line each when short."""
        first = shown.lines[0]
        head = Text()
        head.append_text(plain(first.entity.name, "bold"))
        head.append(" · ")
        head.append_text(plain(first.series.metric, "bold"))
        unit = series_unit(first.series)
        if unit:
            head.append(f" ({unit})")
        if shown.periods:
            head.append(
                f"  {describe_period(shown.periods[0])}–{describe_period(shown.periods[-1])}",
                style="dim",
            )
        if len(shown.lines) > 1:
            head.append(f"  + {len(shown.lines) - 1} compared", style="dim")
        if self.app.size.height >= TALL:
            head.append("\n")
            head.append_text(series_notes(first.series))
            return head
        for line in series_notes(first.series).split("\n"):
            head.append("\n")
            line.truncate(max(self.app.size.width - 2, 10), overflow="ellipsis")
            head.append_text(line)
        return head

    def _follow(self, index: int) -> None:
        shown = self.chart
        self.query_one(SeriesChart).selected = index
        # The note's height is fixed in CSS, so a point move needs no layout pass.
        self.query_one("#point-note", Static).update(self._note(shown, index), layout=False)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._follow(event.cursor_row)

    def _points(self, index: int) -> list[tuple[str, str, Point]]:
        """The points at the period of row `index`: entity name, series id, point."""
        shown = self.chart
        if not 0 <= index < len(shown.periods):
            return []
        period = shown.periods[index]
        return [
            (line.entity.name, line.series.id, point)
            for line in shown.lines
            for point in line.series.points
            if point.period == period
        ]

    def _note(self, shown: Chart, index: int) -> Text:
        facts = facts_of(self)
        out = Text()
        by_id = {line.series.id: line.series for line in shown.lines}
        for name, series_id, point in self._points(index):
            series = by_id[series_id]
            if out:
                out.append("\n")
            if len(shown.lines) > 1:
                out.append_text(plain(f"{name} · {series.metric}: ", "dim"))
            out.append_text(plain(point_value(series, point), "bold"))
            out.append(f" · {describe_period(point.period)}")
            if point.value is None:
                out.append("  no value published: a gap, not a zero", style="dim")
            if point.quote:
                out.append("  “")
                out.append_text(plain(point.quote, "italic"))
                out.append("”")
            if point.source:
                out.append("\n— ", style="dim")
                out.append_text(plain(source_full(facts, point.source)))
            if point.note:
                out.append("\nnote: ", style="dim")
                out.append_text(plain(point.note))
        return out

    @property
    def cursor(self) -> int:
        return self.query_one(PointTable).cursor_row

    def action_copy(self) -> None:
        facts = facts_of(self)
        found = [
            (name, find_series(facts, series_id), point)
            for name, series_id, point in self._points(self.cursor)
            if point.value is not None
        ]
        texts = [point_copy(facts, name, pair[1], point) for name, pair, point in found if pair]
        if not texts:
            self.notify("No value at this period: nothing to copy.", severity="warning")
            return
        self.app.copy_to_clipboard("\n\n".join(texts))
        self.notify("Copied the point with its source.", timeout=3)

    def action_source(self) -> None:
        from liaoning_tui.ui.screens.source import SourceScreen

        for _, _, point in self._points(self.cursor):
            if point.source:
                self.app.push_screen(SourceScreen(Ref.source(point.source)))
                return
        self.notify("This period has no source: it is a gap.", severity="warning")

    def action_add(self) -> None:
        from liaoning_tui.ui.screens.series_pick import SeriesPick

        found = find_series(facts_of(self), self.ids[0])
        if found is not None:
            self.app.push_screen(SeriesPick(found[1], self.ids), self.add)

    def add(self, series_id: str | None) -> None:
        """Draw the series `series_id` beside the others, or say why it cannot be."""
        if series_id is None or series_id in self.ids:
            return
        facts = facts_of(self)
        first, other = find_series(facts, self.ids[0]), find_series(facts, series_id)
        if first is None or other is None:
            self.notify(f"No series {series_id!r} in this fact base.", severity="error")
            return
        reason = refusal(first[1], other[1])
        if reason is not None:
            self.notify(reason, severity="error", markup=False, timeout=8)
            return
        self.ids.append(series_id)
        self.redraw()

    def action_drop(self) -> None:
        if len(self.ids) == 1:
            self.notify("Only one series is shown.", timeout=2)
            return
        self.ids.pop()
        self.redraw()

    def action_entity(self) -> None:
        found = find_series(facts_of(self), self.ids[0])
        if found is not None:
            self.post_message(GoTo(Ref.entity(found[0].id)))

    def action_close(self) -> None:
        self.dismiss(None)

    def follow_facts(self, facts: FactBase) -> str | None:
        """Show the reloaded base; a series gone from it is dropped, the first one closes us."""
        if find_series(facts, self.ids[0]) is None:
            return f"The series {self.ids[0]} is no longer in the fact base."
        self.ids = [key for key in self.ids if find_series(facts, key) is not None]
        self.redraw()
        return None
