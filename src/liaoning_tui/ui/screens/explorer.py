"""The explorer: the tree on the left, the detail of what it points at on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Static, Tree

from liaoning_tui import collector
from liaoning_tui.facts.display import change, clean, figure_value
from liaoning_tui.facts.model import FactBase, Figure
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.ui.history import History
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.fact_tree import FactTree, Group, Item, NodeData

if TYPE_CHECKING:
    from liaoning_tui.facts.search import Hit, SearchIndex

MIN_WIDTH = 60
MIN_HEIGHT = 15
INDEX_DELAY = 0.5
"""Seconds after start-up at which the search index is built, off the first frame's path."""


def copy_text(facts: FactBase, entity_name: str, figure: Figure) -> str:
    """A figure with its source line, as pasted into a note or a message."""
    value = (
        f"{figure.qualifier} {figure_value(figure)}" if figure.qualifier else figure_value(figure)
    )
    details = [describe_period(figure.period)] if figure.period else []
    if figure.change is not None:
        details.append(f"{change(figure.change)} y/y")
    suffix = f" ({', '.join(details)})" if details else ""
    source = facts.sources.get(figure.source)
    cited = (
        ", ".join(
            part for part in (source.title, source.publisher, source.date, source.url) if part
        )
        if source
        else figure.source
    )
    text = f"{entity_name}: {figure.metric}: {value}{suffix}\nSource: {cited}\n“{figure.quote}”"
    if figure.doubt:
        text += f"\nDoubt: {figure.doubt}"
    return "\n".join(clean(line) for line in text.split("\n"))


class ExplorerScreen(Screen[None]):
    """Owns what is shown (`current`) and the history of go-tos; the panes render it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "search",
            "Search",
            id="search",
            tooltip="Find entities and figures by name, Chinese name, alias or metric",
        ),
        Binding(
            "n",
            "next_hit",
            "Next hit",
            show=False,
            id="next-hit",
            tooltip="Go to the next hit of the last search",
        ),
        Binding(
            "N",
            "previous_hit",
            "Previous hit",
            show=False,
            id="previous-hit",
            tooltip="Go to the previous hit of the last search",
        ),
        Binding(
            "backspace,alt+left",
            "back",
            "Back",
            id="back",
            tooltip="Go back to where the last go-to came from",
        ),
        Binding(
            "alt+right",
            "forward",
            "Forward",
            id="forward",
            show=False,
            tooltip="Go forward again after going back",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            id="copy",
            tooltip="Copy the selected figure with its source to the clipboard",
        ),
        Binding(
            "s",
            "source",
            "Source",
            id="source",
            tooltip="Show the source and quoted passage of the selected figure",
        ),
        Binding(
            "v",
            "growth",
            "Growth",
            id="growth",
            tooltip="Every year-on-year change and series side by side",
        ),
    ]

    current: var[Ref | None] = var(None)

    def __init__(self, facts: FactBase) -> None:
        super().__init__()
        self.facts = facts
        self.history = History()
        self.hits: list[Hit] = []
        self.hit_index = -1
        self._index: SearchIndex | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield FactTree(self.facts, id="tree")
            yield DetailPane(self.facts, id="detail").data_bind(ref=ExplorerScreen.current)
        yield Static(
            f"Terminal too small: liaoning-tui needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            id="too-small",
        )
        yield Footer()

    def on_mount(self) -> None:
        tree = self.query_one(FactTree)
        tree.focus()
        tree.border_title = "Liaoning"
        self.query_one(DetailPane).border_title = "Detail"
        first = next(iter(self.facts.entities), None)
        if first is not None:
            self.call_after_refresh(self.show, Ref.entity(first))
        self.set_timer(INDEX_DELAY, self._index_in_background)

    def _index_in_background(self) -> None:
        self.run_worker(self._build_index, thread=True, group="index")

    def _build_index(self) -> None:
        from liaoning_tui.facts.search import SearchIndex

        facts = self.facts
        with collector.lasting():
            index = SearchIndex(facts)
        if self.facts is facts and self._index is None:
            self._index = index

    def on_resize(self, event: Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")

    @on(Tree.NodeHighlighted)
    def _follow_cursor(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        data = event.node.data
        if isinstance(data, Item):
            self.current = data.ref
        elif isinstance(data, Group):
            self.current = Ref.group(data.name)

    def on_go_to(self, message: GoTo) -> None:
        message.stop()
        self.history.visit(self.current, message.ref)
        self.show(message.ref, message.figure)

    def show(self, ref: Ref, figure: int | None = None) -> None:
        """Put the tree cursor on `ref` and show it, with `figure` selected where given."""
        tree = self.query_one(FactTree)
        tree.show(ref)
        self.current = ref
        if figure is not None:
            self.call_after_refresh(self._select_figure, figure)

    def _select_figure(self, index: int) -> None:
        table = self.query_one(DetailPane).figure_table
        if table is not None:
            table.move_cursor(row=index)
            table.focus()

    def action_back(self) -> None:
        ref = self.history.back(self.current)
        if ref is None:
            self.notify("Nothing to go back to.", timeout=2)
        else:
            self.show(ref)

    def action_forward(self) -> None:
        ref = self.history.forward(self.current)
        if ref is None:
            self.notify("Nothing to go forward to.", timeout=2)
        else:
            self.show(ref)

    @property
    def selected_figure(self) -> tuple[str, Figure] | None:
        """The entity name and figure under the figure table's cursor, if any."""
        table = self.query_one(DetailPane).figure_table
        if table is None or table.selected is None:
            return None
        return table.entity.name, table.selected

    def action_copy(self) -> None:
        selected = self.selected_figure
        if selected is None:
            self.notify("No figure selected: move to an entity with figures.", severity="warning")
            return
        name, figure = selected
        self.app.copy_to_clipboard(copy_text(self.facts, name, figure))
        self.notify(f"Copied {clean(figure.metric)} with its source.", timeout=3, markup=False)

    def action_source(self) -> None:
        from liaoning_tui.ui.screens.source import SourceScreen

        selected = self.selected_figure
        if selected is not None:
            self.app.push_screen(SourceScreen(self.facts, figure=selected[1], name=selected[0]))
        elif self.current is not None and self.current.kind != "group":
            self.app.push_screen(SourceScreen(self.facts, ref=self.current))
        else:
            self.notify("Move to an entity or source first.", severity="warning")

    def action_growth(self) -> None:
        from liaoning_tui.ui.screens.growth import GrowthScreen

        self.app.push_screen(GrowthScreen(self.facts), self._arrive)

    def search_index(self) -> SearchIndex:
        """The search index of the shown fact base, built now if the background has not yet."""
        from liaoning_tui.facts.search import SearchIndex

        if self._index is None:
            self._index = SearchIndex(self.facts)
        return self._index

    def action_search(self) -> None:
        from liaoning_tui.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.facts, self.search_index()), self._searched)

    def _searched(self, result: tuple[list[Hit], int] | None) -> None:
        if result is None:
            return
        self.hits, self.hit_index = result
        self._go_to_hit()

    def _go_to_hit(self) -> None:
        hit = self.hits[self.hit_index]
        self.post_message(GoTo(Ref.entity(hit.entity_id), hit.figure))

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        if not self.hits:
            self.notify("No search yet: press / to search.", timeout=2)
            return
        self.hit_index = (self.hit_index + step) % len(self.hits)
        self._go_to_hit()

    def _arrive(self, ref: Ref | None) -> None:
        if ref is not None:
            self.post_message(GoTo(ref))

    def replace_facts(self, facts: FactBase) -> None:
        """Show a reloaded fact base, keeping the selection where it still exists."""
        keep = self.current
        collector.thaw()
        self.facts = facts
        self.query_one(FactTree).rebuild(facts)
        detail = self.query_one(DetailPane)
        detail.facts = facts
        self.hits = []
        self._index = None
        self._index_in_background()
        if keep is not None and self.query_one(FactTree).main_node(keep) is not None:
            self.current = None
            self.show(keep)
        else:
            self.current = None
