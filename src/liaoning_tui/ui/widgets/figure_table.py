"""An entity's figures as a table: one row a figure; the cursor picks the one to copy or cite."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import DataTable

from liaoning_tui.facts.display import change
from liaoning_tui.facts.model import Entity, FactBase, Figure
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.scales import table_scales, table_value
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.text import plain

DOUBT_MARK = "⚠"
WIDE = 90
"""From this many cells wide, the table has room for the qualifier and source columns."""
SHRINK_ORDER = ((1, 12), (6, 10), (5, 8), (2, 9), (3, 8), (1, 8))
"""(column, narrowest), in the order columns give up width when the pane is narrow."""
SCROLLBAR = 2


class FigureTable(DataTable[Text]):
    """The figures of one entity; the highlighted row is the "selected figure"."""

    BINDINGS: ClassVar[list[BindingType]] = vim_moves(
        "cursor_down", "cursor_up", "scroll_top", "scroll_bottom"
    )

    DEFAULT_CSS = """
    FigureTable {
        height: auto;
        max-height: 16;
    }
    """

    def __init__(self, facts: FactBase, entity: Entity, palette: Palette) -> None:
        super().__init__(cursor_type="row", id="figures")
        self.facts = facts
        self.entity = entity
        self.palette = palette
        self.wide = False
        self.laid_out_for = -1
        self.scales = table_scales(entity.figures)
        """One scale per unit published in several, so values read side by side."""

    def on_mount(self) -> None:
        self.lay_out(self.parent.content_size.width if isinstance(self.parent, Widget) else 0)

    def lay_out(self, width: int) -> None:
        """Columns for `width` cells: long cells wrap rather than push columns out of view."""
        if width <= 0 or width == self.laid_out_for:
            return
        self.laid_out_for = width
        row = self.cursor_row
        self.wide = width >= WIDE
        self.clear(columns=True)
        names = self.columns_for_width()
        rows = [self.cells(figure) for figure in self.entity.figures]
        widths = [
            max([len(name), *(cells[index].cell_len for cells in rows)])
            for index, name in enumerate(names)
        ]
        room = width - 2 * self.cell_padding * len(names) - SCROLLBAR
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
        if 0 <= row < self.row_count:
            self.move_cursor(row=row)

    def columns_for_width(self) -> list[str]:
        columns = ["", "Metric", "Value", "Period", "Change"]
        return [*columns, "Qualifier", "Source"] if self.wide else columns

    def cells(self, figure: Figure) -> list[Text]:
        mark = Text(DOUBT_MARK, style=self.palette.warning) if figure.doubt else Text(" ")
        value = plain(table_value(figure, self.scales))
        if not self.wide and figure.qualifier:
            value = Text.assemble((f"{figure.qualifier} ", "dim"), value)
        row = [
            mark,
            plain(figure.metric),
            value,
            Text(describe_period(figure.period)),
            Text(change(figure.change), style=self.palette.change(figure.change)),
        ]
        if self.wide:
            source = self.facts.sources.get(figure.source)
            row += [
                plain(figure.qualifier),
                plain(source.publisher or source.title if source else figure.source, "dim"),
            ]
        return row

    @property
    def selected(self) -> Figure | None:
        """The figure under the cursor."""
        if not self.entity.figures or not 0 <= self.cursor_row < len(self.entity.figures):
            return None
        return self.entity.figures[self.cursor_row]
