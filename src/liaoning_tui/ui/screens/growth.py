"""Growth side by side: every year-on-year change in the base, and every series as a sparkline."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from liaoning_tui.facts.display import change
from liaoning_tui.facts.growth import Change, changes
from liaoning_tui.facts.model import FactBase
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.widgets.option_list import PagedOptionList
from liaoning_tui.ui.widgets.sparkline import render_series

BAR_WIDTH = 12


def bar(value: float, largest: float, palette: Palette) -> Text:
    """A bar as long as `value` is against `largest`, in the colour of its direction."""
    cells = round(abs(value) / largest * BAR_WIDTH) if largest else 0
    shown = "█" * max(cells, 1 if value else 0)
    return Text(shown.ljust(BAR_WIDTH), style=palette.change(value))


class GrowthTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = vim_moves(
        "cursor_down", "cursor_up", "scroll_top", "scroll_bottom"
    )


class SeriesList(PagedOptionList):
    BINDINGS: ClassVar[list[BindingType]] = vim_moves("cursor_down", "cursor_up", "first", "last")


class GrowthScreen(Screen[None]):
    """Enter on a row goes to its figure, or its series' entity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,v", "close", "Close", id="close", tooltip="Back to the explorer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self.series_of: list[str] = []
        """The entity id of each row of the series list."""

    def compose(self) -> ComposeResult:
        with Vertical(id="growth"):
            yield Static("Year-on-year change, largest rise first", classes="section")
            yield GrowthTable(cursor_type="row", zebra_stripes=True, id="changes")
            yield Static("Series", classes="section")
            yield SeriesList(id="series")
        yield Footer()

    def on_mount(self) -> None:
        self._fill(facts_of(self))
        self.query_one("#changes", GrowthTable).focus()

    def follow_facts(self, facts: FactBase) -> str | None:
        """Rows come from the new fact base: Enter never goes to what it no longer holds."""
        self._fill(facts)
        return None

    def _fill(self, facts: FactBase) -> None:
        palette = Palette.of(self.app)
        table = self.query_one("#changes", GrowthTable)
        table.clear(columns=True)
        found = self.changes = changes(facts)
        largest = max((abs(item.percent) for item in found), default=0.0)
        fixed = BAR_WIDTH + max((len(change(item.percent)) for item in found), default=6) + 12
        what_width = max(16, self.app.size.width - fixed - 2 * 4 - 4)
        table.add_column("Change", key="change")
        table.add_column("", key="bar")
        table.add_column("Entity · metric", key="what", width=what_width)
        table.add_column("Period", key="period")
        for item in found:
            what = Text.assemble(plain(item.entity, "bold"), " · ", plain(item.metric))
            table.add_row(
                Text(change(item.percent), style=palette.change(item.percent)),
                bar(item.percent, largest, palette),
                what,
                Text(describe_period(item.period)),
                height=len(what.wrap(self.app.console, what_width)),
            )
        series_list = self.query_one("#series", SeriesList)
        series_list.clear_options()
        self.series_of = []
        for entity, series in facts.all_series():
            label = Text.assemble(plain(entity.name, "bold"), " · ")
            label.append_text(render_series(series, palette))
            series_list.add_option(Option(label))
            self.series_of.append(entity.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        chosen = self.changes[event.cursor_row]
        self.post_message(GoTo(Ref.entity(chosen.entity_id), chosen.figure))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.post_message(GoTo(Ref.entity(self.series_of[event.option_index])))

    def action_close(self) -> None:
        self.dismiss()
