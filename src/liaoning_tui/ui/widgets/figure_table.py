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
from liaoning_tui.ui.widgets.fit import longest_word, shrink

WIDE = 90
"""From this many cells wide, the table has room for the qualifier and source columns."""
SOURCE_ROOM = 14
"""Below WIDE, the source is one line: it first gives up width down to this, then the others
down to NARROWEST."""
NARROWEST = {"Metric": 12, "Value": 9, "Period": 8, "Qualifier": 8, "Source": 6}
"""How narrow a column may get, even when its longest word is wider (that word is cut with …)."""
SHRINK_ORDER = ("Qualifier", "Metric", "Source", "Value", "Period")
"""The order in which columns give up width when the pane is narrow."""
LEAST = 4
"""No column gets narrower than this: a letter or three and "…"."""
SCROLLBAR = 1


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
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.figures: tuple[Figure, ...] = ()
        self.readings: tuple[FigureReading, ...] = ()
        self.width_for = 0

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _: self._fill(self.cursor_row))

    def on_resize(self) -> None:
        self.lay_out(self.size.width)

    def show(self, figures: Sequence[Figure], readings: Sequence[FigureReading]) -> None:
        """Show these figures from the first row."""
        self.figures = tuple(figures)
        self.readings = tuple(readings)
        self._fill(0)

    def lay_out(self, width: int) -> None:
        """Columns for `width` cells, or for the table's own width once it has one (the pane's
        scrollbar can take a cell from it): long cells wrap rather than push columns out of
        view."""
        width = self.size.width or width
        if width > 0 and width != self.width_for:
            self.width_for = width
            self._fill(self.cursor_row)

    def _fill(self, row: int) -> None:
        self.clear(columns=True)
        if not self.readings or self.width_for <= 0:
            return
        wide = self.width_for >= WIDE
        names = ["", "Metric", "Value", "Period", "Change", "Qualifier", "Source"]
        if not wide:
            names = ["Metric", "Value", "Period", "Change", "Source"]
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
        floors = [
            min(NARROWEST.get(name, width), max(len(name), *(longest_word(c[i]) for c in rows)))
            for i, (name, width) in enumerate(zip(names, widths, strict=True))
        ]
        room = self.width_for - 2 * self.cell_padding * len(names) - SCROLLBAR
        order = [names.index(name) for name in SHRINK_ORDER if name in names]
        source = names.index("Source")
        if not wide:
            cap = max(SOURCE_ROOM, room - sum(widths) + widths[source])
            widths[source] = min(widths[source], cap)
        widths = shrink(widths, floors, room, order)
        # Still too wide: cut words with … rather than push a column out of view.
        widths = shrink(widths, [LEAST] * len(widths), room, order)
        for name, column_width in zip(names, widths, strict=True):
            self.add_column(name, key=name or "mark", width=column_width)
        for index, cells in enumerate(rows):
            for name, cell in zip(names, cells, strict=True):
                # Wrapped at spaces; a word wider than its column is cut with … (never folded).
                cell.overflow = "ellipsis"
                cell.no_wrap = name == "Source" and not wide
            height = max(
                len(cell.wrap(self.app.console, column_width))
                for cell, column_width in zip(cells, widths, strict=True)
            )
            self.add_row(*cells, key=str(index), height=height)
        self.move_cursor(row=min(max(row, 0), self.row_count - 1))

    @staticmethod
    def _cells(reading: FigureReading, shown: str, wide: bool, palette: Palette) -> list[Text]:
        """A figure's cells; `shown` is its value in the scale its unit shares in this table."""
        mark = Text(reading.doubt_mark or " ", style=palette.doubt)
        metric, change = Text(reading.metric), Text(reading.change)
        change.stylize(palette.direction(reading.direction))
        if wide:
            source = Text(reading.source_label, style="dim")
            return [
                mark,
                metric,
                Text(shown),
                Text(reading.period),
                change,
                Text(reading.qualifier),
                source,
            ]
        value = Text.assemble(
            (f"{reading.doubt_mark} ", palette.doubt) if reading.doubt_mark else "",
            (f"{reading.qualifier} ", "dim") if reading.qualifier else "",
            shown,
        )
        source = Text(short_source(reading.source_label), style="dim")
        return [metric, value, Text(reading.period), change, source]

    @property
    def selected(self) -> int | None:
        """The index of the figure under the cursor."""
        if 0 <= self.cursor_row < len(self.figures):
            return self.cursor_row
        return None


def short_source(label: str) -> str:
    """A publisher in its first words: "Xinhua, via whygutenberg.com" is "Xinhua"."""
    return label.split(",")[0].split(" (")[0].split(" via ")[0]
