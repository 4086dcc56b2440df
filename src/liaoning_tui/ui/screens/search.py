"""`/`: type to rank entities and figures; Enter goes to the chosen hit."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from liaoning_tui.facts.display import figure_value
from liaoning_tui.facts.model import FactBase
from liaoning_tui.facts.search import FIELD_LABELS, Hit, SearchIndex
from liaoning_tui.facts.vocabulary import KINDS
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.widgets.option_list import PagedOptionList

LIMIT = 50
MAX_QUERY = 200
"""Characters a query may hold: enough for any name or metric, and a paste stays cheap."""


class SearchScreen(ModalScreen[tuple[list[Hit], int] | None]):
    """Dismisses with the hits and the index of the chosen one, so `n` and `N` can walk them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="close", tooltip="Back without going"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.index = index
        self.hits: list[Hit] = []

    def follow_facts(self, facts: FactBase) -> str | None:
        return "The fact base was reloaded: search again to find what it holds now."

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "Search"
            box.border_subtitle = "enter go · esc close"
            query = Input(
                placeholder="name, 中文名, alias or metric…", id="query", max_length=MAX_QUERY
            )
            query.cursor_blink = False
            yield query
            yield PagedOptionList(id="hits")
            yield Static("", id="search-status")

    AUTO_FOCUS = "#query"

    def on_key(self, event: events.Key) -> None:
        """Letters that arrive before the query box has focus go into it: `/siasun` typed in one
        go (or pasted over SSH) reaches this screen before the box is mounted and focused."""
        query = self.query_one("#query", Input)
        if query.has_focus or not event.is_printable or event.character is None:
            return
        event.stop()
        event.prevent_default()
        query.focus()
        query.insert_text_at_cursor(event.character)

    @on(Input.Changed, "#query")
    def _ranked(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.hits = self.index.search(query, limit=LIMIT) if query else []
        hits = self.query_one("#hits", OptionList)
        hits.clear_options()
        hits.add_options([Option(self.label(hit)) for hit in self.hits])
        if self.hits:
            hits.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not query:
            status.update("")
        elif self.hits:
            count = len(self.hits)
            status.update(
                f"{count} hit{'' if count == 1 else 's'}"
                + (f" (first {LIMIT})" if count == LIMIT else "")
            )
        else:
            status.update("No match.")

    def label(self, hit: Hit) -> Text:
        entity = facts_of(self).entities[hit.entity_id]
        out = plain(entity.name, "bold")
        if hit.figure is not None:
            figure = entity.figures[hit.figure]
            out.append(" · ")
            out.append_text(plain(figure.metric))
            out.append(" ")
            out.append_text(plain(figure_value(figure), "bold"))
        out.append(f"  {KINDS[entity.kind].label}", style="dim")
        if hit.field not in {"name", "metric"}:
            out.append(f"  {FIELD_LABELS[hit.field]}: ", style="dim")
            out.append_text(plain(hit.text[:60], "dim italic"))
        if hit.count > 1:
            out.append(f"  (shared by {hit.count} entities)", style="dim")
        return out

    def action_move(self, step: int) -> None:
        hits = self.query_one("#hits", OptionList)
        if self.hits:
            current = hits.highlighted or 0
            hits.highlighted = max(0, min(len(self.hits) - 1, current + step))

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        highlighted = self.query_one("#hits", OptionList).highlighted
        if self.hits and highlighted is not None:
            self.dismiss((self.hits, highlighted))

    @on(OptionList.OptionSelected, "#hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((self.hits, event.option_index))
