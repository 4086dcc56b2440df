"""Growth side by side: published year-on-year changes ranked within one kind of period, and
every series as a sparkline."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from liaoning_tui.facts.display import change
from liaoning_tui.facts.growth import Change, changes, ranked
from liaoning_tui.facts.model import FactBase
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.widgets.option_list import PagedOptionList
from liaoning_tui.ui.widgets.series_spark import series_text

BAR_WIDTH = 12
SERIES_INDENT = 8
"""Cells a series option loses to the screen's and the list's padding and the scrollbar."""


def bar(value: float, largest: float, palette: Palette) -> Text:
    """A bar as long as `value` is against `largest`, in the colour of its direction."""
    cells = round(abs(value) / largest * BAR_WIDTH) if largest else 0
    shown = "█" * max(cells, 1 if value else 0)
    return Text(shown.ljust(BAR_WIDTH), style=palette.change(value))


def group_heading(kind: str, count: int) -> str:
    """The row above a group: its period kind, and that only its own rows are ranked together."""
    noun = "change" if count == 1 else "changes"
    return f"{kind}: {count} {noun}, ranked among themselves"


class GrowthTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = vim_moves(
        "cursor_down", "cursor_up", "scroll_top", "scroll_bottom"
    )


class SeriesList(PagedOptionList):
    BINDINGS: ClassVar[list[BindingType]] = vim_moves("cursor_down", "cursor_up", "first", "last")


class GrowthScreen(Screen[None]):
    """Enter on a change goes to its figure; Enter on a series opens its series view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,v", "close", "Close", id="close", tooltip="Back to the explorer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Change | None] = []
        """What each table row is: a change, or None for a group heading."""
        self.series_ids: list[str] = []
        self.filled_width = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="growth"):
            yield Static(
                "Year-on-year change, ranked within each kind of period", classes="section"
            )
            yield GrowthTable(cursor_type="row", zebra_stripes=True, id="changes")
            yield Static("Series (enter opens the chart)", classes="section")
            yield SeriesList(id="series")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.fill_table(facts_of(self), self.app.size.width)
        self.fill_series(facts_of(self))
        self.query_one(GrowthTable).focus()
        self.app.theme_changed_signal.subscribe(self, self._recolour)

    def _recolour(self, _: object) -> None:
        """A new theme: the changes and bars were coloured from the old one."""
        self.fill_table(facts_of(self), self.filled_width)
        self.fill_series(facts_of(self))

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self.filled_width:
            self.fill_table(facts_of(self), event.size.width)
            self.fill_series(facts_of(self))

    def fill_table(self, facts: FactBase, width: int) -> None:
        """The changes, grouped by period kind, with the metric column as wide as `width` allows."""
        palette = Palette.of(self.app)
        table = self.query_one("#changes", GrowthTable)
        row = table.cursor_row
        table.clear(columns=True)
        found = changes(facts)
        largest = max((abs(item.percent) for item in found), default=0.0)
        fixed = BAR_WIDTH + max((len(change(item.percent)) for item in found), default=6) + 14
        what_width = max(16, width - fixed - 2 * 4 - 4)
        table.add_column("Change", key="change")
        table.add_column("", key="bar")
        table.add_column("Entity · metric", key="what", width=what_width)
        table.add_column("Period", key="period")
        self.rows = []
        self.filled_width = width
        for kind, members in ranked(found):
            heading = Text(group_heading(kind, len(members)), style="bold")
            table.add_row(
                Text(""),
                Text(""),
                heading,
                Text(""),
                height=len(heading.wrap(self.app.console, what_width)),
            )
            self.rows.append(None)
            for item in members:
                what = Text.assemble(plain(item.entity, "bold"), " · ", plain(item.metric))
                table.add_row(
                    Text(change(item.percent), style=palette.change(item.percent)),
                    bar(item.percent, largest, palette),
                    what,
                    Text(describe_period(item.period)),
                    height=len(what.wrap(self.app.console, what_width)),
                )
                self.rows.append(item)
        table.move_cursor(row=max(row, 1))

    def fill_series(self, facts: FactBase) -> None:
        palette = Palette.of(self.app)
        series_list = self.query_one("#series", SeriesList)
        series_list.clear_options()
        self.series_ids = []
        width = max(self.app.size.width - SERIES_INDENT, 20)
        for entity, series in facts.all_series():
            label = Text.assemble(plain(entity.name, "bold"), " · ")
            label.append_text(series_text(series, width, palette))
            series_list.add_option(Option(label))
            self.series_ids.append(series.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        item = self.rows[event.cursor_row]
        if item is not None:
            self.post_message(GoTo(Ref.entity(item.entity_id), item.figure))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from liaoning_tui.ui.screens.series import SeriesScreen

        self.app.push_screen(SeriesScreen(self.series_ids[event.option_index]))

    def follow_facts(self, facts: FactBase) -> str | None:
        """Show the reloaded base's changes and series."""
        self.fill_table(facts, self.app.size.width)
        self.fill_series(facts)
        return None

    def action_close(self) -> None:
        self.dismiss()
