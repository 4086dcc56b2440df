"""The points of a chart as a table: one row per period, one value column per series."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable

from liaoning_tui.facts.compare import Chart
from liaoning_tui.facts.display import number
from liaoning_tui.facts.model import FactBase
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.series_rows import point_value, rows, source_name, step_text
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.widgets.series_chart import MARKERS, axis_unit

SOURCE_WIDTH = 24
"""A source's short name is cut to this many cells; the note under the table has it whole."""
NAME_WIDTH = 22
"""A compared series' column heading is cut to this many cells; the legend has the full name.
Series of one entity are headed by their metric alone, which is what tells them apart."""


class PointTable(DataTable[Text]):
    """j/k move through the periods; the screen follows the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = vim_moves(
        "cursor_down", "cursor_up", "scroll_top", "scroll_bottom"
    )

    def show(self, facts: FactBase, chart: Chart) -> None:
        """Fill the table with `chart`'s points, keeping the cursor's row."""
        row = self.cursor_row
        self.clear(columns=True)
        self.add_column("Period", key="period")
        if len(chart.lines) == 1:
            self._single(facts, chart)
        else:
            self._compared(chart)
        if chart.periods:
            self.move_cursor(row=min(max(row, 0), len(chart.periods) - 1))

    def _single(self, facts: FactBase, chart: Chart) -> None:
        series = chart.lines[0].series
        self.add_column("Value", key="value")
        self.add_column("Change", key="change")
        self.add_column("Source", key="source")
        by_period = {row.point.period: row for row in rows(series)}
        for period in chart.periods:
            row = by_period[period]
            self.add_row(
                Text(describe_period(period)),
                Text(point_value(series, row.point), justify="right"),
                Text(step_text(series, row.step)),
                _cut(
                    source_name(facts, row.point.source) if row.point.source else "—", SOURCE_WIDTH
                ),
                key=period,
            )

    def _compared(self, chart: Chart) -> None:
        unit = axis_unit(chart)
        one_entity = len({line.entity.id for line in chart.lines}) == 1
        for number_, line in enumerate(chart.lines):
            marker = MARKERS[number_ % len(MARKERS)]
            name = line.series.metric if one_entity else line.name
            self.add_column(_cut(f"{marker} {name}", NAME_WIDTH), key=f"line-{number_}")
        for index, period in enumerate(chart.periods):
            cells = [Text(describe_period(period))]
            for line in chart.lines:
                value = line.values[index]
                shown = "—" if value is None else f"{number(value)} {unit}".strip()
                cells.append(Text(shown, justify="right"))
            self.add_row(*cells, key=period)


def _cut(text: str, width: int) -> Text:
    """`text` as plain text, ending in `…` when longer than `width` cells."""
    out = plain(text)
    out.truncate(width, overflow="ellipsis")
    return out
