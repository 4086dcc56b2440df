"""Pick a series to add to a chart: those of the same unit first, the others marked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from liaoning_tui.facts.compare import refusal
from liaoning_tui.facts.display import series_unit
from liaoning_tui.facts.model import Series
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.widgets.option_list import PagedOptionList


class PickList(PagedOptionList):
    BINDINGS: ClassVar[list[BindingType]] = vim_moves("cursor_down", "cursor_up", "first", "last")


class SeriesPick(ModalScreen[str | None]):
    """Returns the id of the chosen series, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close", id="close", tooltip="Add nothing"),
    ]

    def __init__(self, first: Series, shown: list[str]) -> None:
        super().__init__()
        self.first = first
        self.shown = shown

    def compose(self) -> ComposeResult:
        options: list[tuple[bool, Option]] = []
        for entity, series in facts_of(self).all_series():
            if series.id in self.shown:
                continue
            same = refusal(self.first, series) is None
            label = Text.assemble(plain(entity.name, "bold"), " · ", plain(series.metric))
            label.append(f" ({series_unit(series) or series.unit})", style="dim")
            if not same:
                label.append(" other unit", style="dim italic")
            options.append((not same, Option(label, id=series.id)))
        options.sort(key=lambda pair: pair[0])
        picks = PickList(*(option for _, option in options), id="pick-list")
        picks.border_title = "Add a series to compare"
        picks.border_subtitle = "enter adds · esc closes"
        yield picks

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
