"""An entity's figures as a table: one row a figure; the cursor picks the one to copy or cite."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from liaoning_tui.facts.model import Figure
from liaoning_tui.facts.reading import FigureReading
from liaoning_tui.facts.scales import table_scales, table_value
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.palette import Palette

WIDE = 90
"""From this many cells wide, the table has room for the qualifier and source columns."""
SHRINK_ORDER = ((1, 12), (6, 10), (5, 8), (2, 9), (3, 8), (1, 8))
"""(column, narrowest), in the order columns give up width when the pane is narrow."""
SCROLLBAR = 2


class FigureTable(DataTable[Text]):
    """The figures of one entity; the highlighted row is the "selected figure".

    The detail pane hands it the figures and how they read (`show`) and the width it has
    (`lay_out`); it keeps the figures only to say which one is selected.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *vim_moves("cursor_down", "cursor_up", "scroll_top", "scroll_bottom"),
        Binding(
            "enter",
            "select_cursor",
            "Source",
            id="figure-source",
            show=False,
            tooltip="The source and quoted passage of this figure, as s shows it",
        ),
    ]

    DEFAULT_CSS = """
    FigureTable {
        height: auto;
        max-height: 16;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.figures: tuple[Figure, ...] = ()
        self.readings: tuple[FigureReading, ...] = ()
        self.width_for = 0

    def show(self, figures: Sequence[Figure], readings: Sequence[FigureReading]) -> None:
        """Show these figures from the first row."""
        self.figures = tuple(figures)
        self.readings = tuple(readings)
        self._fill(0)

    def lay_out(self, width: int) -> None:
        """Columns for `width` cells: long cells wrap rather than push columns out of view."""
        if width > 0 and width != self.width_for:
            self.width_for = width
            self._fill(self.cursor_row)

    def _fill(self, row: int) -> None:
        self.clear(columns=True)
        if not self.readings or self.width_for <= 0:
            return
        wide = self.width_for >= WIDE
        names = ["", "Metric", "Value", "Period", "Change"]
        if wide:
            names += ["Qualifier", "Source"]
        palette = Palette.of(self.app)
        scales = table_scales(self.figures)
        rows = [
            self._cells(reading, table_value(figure, scales), wide, palette)
            for figure, reading in zip(self.figures, self.readings, strict=True)
        ]
        widths = [
            max([len(name), *(cells[index].cell_len for cells in rows)])
            for index, name in enumerate(names)
        ]
        room = self.width_for - 2 * self.cell_padding * len(names) - SCROLLBAR
        for index, least in SHRINK_ORDER:
            excess = sum(widths) - room
            if excess <= 0:
                break
            if index < len(widths):
                widths[index] = max(least, widths[index] - excess)
        for name, column_width in zip(names, widths, strict=True):
            self.add_column(name, key=name or "mark", width=column_width)
        for index, cells in enumerate(rows):
            height = max(
                len(cell.wrap(self.app.console, column_width))
                for cell, column_width in zip(cells, widths, strict=True)
            )
            self.add_row(*cells, key=str(index), height=height)
        self.move_cursor(row=min(max(row, 0), self.row_count - 1))

    @staticmethod
    def _cells(reading: FigureReading, shown: str, wide: bool, palette: Palette) -> list[Text]:
        """A figure's cells; `shown` is its value in the scale its unit shares in this table."""
        mark = Text(reading.doubt_mark or " ", style=palette.warning)
        value = Text(shown)
        if not wide and reading.qualifier:
            value = Text.assemble((f"{reading.qualifier} ", "dim"), value)
        row = [
            mark,
            Text(reading.metric),
            value,
            Text(reading.period),
            Text(reading.change, style=palette.direction(reading.direction)),
        ]
        if wide:
            row += [Text(reading.qualifier), Text(reading.source_label, style="dim")]
        return row

    @property
    def selected(self) -> int | None:
        """The index of the figure under the cursor."""
        if 0 <= self.cursor_row < len(self.figures):
            return self.cursor_row
        return None
