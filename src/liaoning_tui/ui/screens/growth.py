"""Growth side by side: every year-on-year change in the base, and every series as a sparkline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from liaoning_tui.facts.display import change, number, series_unit
from liaoning_tui.facts.model import FactBase
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.text import plain
from liaoning_tui.ui.widgets.sparkline import extremes, spark

BAR_WIDTH = 12


@dataclass(frozen=True, slots=True)
class Change:
    """One published year-on-year change and where it belongs."""

    entity_id: str
    entity: str
    metric: str
    period: str
    percent: float


def changes(facts: FactBase) -> list[Change]:
    """Every published year-on-year change of a figure, largest rise first."""
    found = [
        Change(entity.id, entity.name, figure.metric, figure.period, figure.change)
        for entity, figure in facts.figures()
        if figure.change is not None
    ]
    return sorted(found, key=lambda item: (-item.percent, item.entity, item.metric))


def bar(value: float, largest: float, palette: Palette) -> Text:
    """A bar as long as `value` is against `largest`, in the colour of its direction."""
    cells = round(abs(value) / largest * BAR_WIDTH) if largest else 0
    shown = "█" * max(cells, 1 if value else 0)
    return Text(shown.ljust(BAR_WIDTH), style=palette.change(value))


class GrowthTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


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
            yield GrowthTable(cursor_type="row", zebra_stripes=True, id="series")
        yield Footer()

    def on_mount(self) -> None:
        palette = Palette.of(self.app)
        table = self.query_one("#changes", GrowthTable)
        for column in ("Change", "", "Entity", "Metric", "Period"):
            table.add_column(column, key=column or "bar")
        found = changes(self.facts)
        largest = max((abs(item.percent) for item in found), default=0.0)
        for item in found:
            table.add_row(
                Text(change(item.percent), style=palette.change(item.percent)),
                bar(item.percent, largest, palette),
                plain(item.entity),
                plain(item.metric),
                Text(describe_period(item.period)),
            )
            self.rows["changes"].append(item.entity_id)
        series_table = self.query_one("#series", GrowthTable)
        for column in ("Entity", "Series", "Unit", "Sparkline", "First", "Last", "Min", "Max"):
            series_table.add_column(column, key=column)
        for entity, series in self.facts.all_series():
            found_extremes = extremes(series)
            labels = (
                [
                    f"{number(point.value or 0)} ({describe_period(point.period)})"
                    for point in (
                        found_extremes.first,
                        found_extremes.last,
                        found_extremes.low,
                        found_extremes.high,
                    )
                ]
                if found_extremes
                else ["—"] * 4
            )
            series_table.add_row(
                plain(entity.name),
                plain(series.metric),
                Text(series_unit(series), style="dim"),
                Text(spark(series.values), style=palette.accent),
                *(Text(label) for label in labels),
            )
            self.rows["series"].append(entity.id)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        table_id = event.data_table.id or ""
        self.dismiss(Ref.entity(self.rows[table_id][event.cursor_row]))

    def action_close(self) -> None:
        self.dismiss(None)
