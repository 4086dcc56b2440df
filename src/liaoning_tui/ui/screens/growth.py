"""Growth side by side: every year-on-year change in the base, and every series as a sparkline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from liaoning_tui.facts.display import change
from liaoning_tui.facts.model import FactBase, Figure
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.text import plain
from liaoning_tui.ui.widgets.sparkline import render_series

BAR_WIDTH = 12


@dataclass(frozen=True, slots=True)
class Change:
    """One published year-on-year change and where it belongs."""

    entity_id: str
    entity: str
    metric: str
    period: str
    percent: float


def growth_of(figure: Figure) -> float | None:
    """The year-on-year change a figure publishes: its `change`, or its value when it is a rate."""
    if figure.change is not None:
        return figure.change
    if figure.unit == "percent" and "growth" in figure.metric.lower():
        return figure.value
    return None


def changes(facts: FactBase) -> list[Change]:
    """Every published year-on-year change of a figure, largest rise first."""
    found = [
        Change(entity.id, entity.name, figure.metric, figure.period, percent)
        for entity, figure in facts.figures()
        if (percent := growth_of(figure)) is not None
    ]
    return sorted(found, key=lambda item: (-item.percent, item.entity, item.metric))


def bar(value: float, largest: float, palette: Palette) -> Text:
    """A bar as long as `value` is against `largest`, in the colour of its direction."""
    cells = round(abs(value) / largest * BAR_WIDTH) if largest else 0
    shown = "█" * max(cells, 1 if value else 0)
    return Text(shown.ljust(BAR_WIDTH), style=palette.change(value))


class GrowthTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = vim_moves(
        "cursor_down", "cursor_up", "scroll_top", "scroll_bottom"
    )


class SeriesList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = vim_moves("cursor_down", "cursor_up", "first", "last")


class GrowthScreen(Screen[Ref | None]):
    """Enter on a row goes to its entity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,v", "close", "Close", id="close", tooltip="Back to the explorer"),
    ]

    def __init__(self, facts: FactBase) -> None:
        super().__init__()
        self.facts = facts
        self.rows: dict[str, list[str]] = {"changes": [], "series": []}

    def compose(self) -> ComposeResult:
        with Vertical(id="growth"):
            yield Static("Year-on-year change, largest rise first", classes="section")
            yield GrowthTable(cursor_type="row", zebra_stripes=True, id="changes")
            yield Static("Series", classes="section")
            yield SeriesList(id="series")
        yield Footer()

    def on_mount(self) -> None:
        palette = Palette.of(self.app)
        table = self.query_one("#changes", GrowthTable)
        found = changes(self.facts)
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
            self.rows["changes"].append(item.entity_id)
        series_list = self.query_one("#series", SeriesList)
        for entity, series in self.facts.all_series():
            label = Text.assemble(plain(entity.name, "bold"), " · ")
            label.append_text(render_series(series, palette))
            series_list.add_option(Option(label))
            self.rows["series"].append(entity.id)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(Ref.entity(self.rows["changes"][event.cursor_row]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Ref.entity(self.rows["series"][event.option_index]))

    def action_close(self) -> None:
        self.dismiss(None)
