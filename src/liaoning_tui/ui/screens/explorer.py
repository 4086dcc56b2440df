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
from textual.widgets import DataTable, Footer, Static, Tree

from liaoning_tui.facts.display import clean
from liaoning_tui.facts.model import EMPTY, Entity, FactBase
from liaoning_tui.facts.reading import citation
from liaoning_tui.ui.history import History
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.refs import Ref, settle
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.fact_tree import FactTree, Group, Item, More, NodeData
from liaoning_tui.ui.widgets.series_spark import SeriesSparks

if TYPE_CHECKING:
    from liaoning_tui.facts.search import Hit, SearchIndex

MIN_WIDTH = 60
MIN_HEIGHT = 15
INDEX_DELAY = 0.5
"""Seconds after start-up at which the search index is built, off the first frame's path."""


def too_small(width: int, height: int) -> str:
    """What a terminal below the minimum shows: one line from 50 columns."""
    return f"Terminal {width}×{height} is too small: needs at least {MIN_WIDTH}×{MIN_HEIGHT}"


class ExplorerScreen(Screen[None]):
    """Owns what is shown (`current`) and the history of go-tos; the panes render it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "search",
            "Search",
            id="search",
            tooltip="Find entities and figures by name, Chinese name, alias or metric",
            # Checked before the key reaches the tree, so the search box opens before the
            # letters typed after `/` are handed out: they reach it instead of the tree.
            priority=True,
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
        Binding(
            "c",
            "chart",
            "Chart",
            id="chart",
            tooltip="The entity's first series as a chart with its points and sources",
        ),
        Binding(
            "m",
            "map",
            "Map",
            id="map",
            show=False,
            tooltip="A map of the province with every located entity",
        ),
        Binding(
            "q",
            "app.quit",
            "Quit",
            id="quit",
            tooltip="Leave liaoning-tui",
            # A priority binding like `/`'s, so that `q/` typed at once quits before `/`,
            # which is checked first, can open the search box.
            priority=True,
        ),
    ]

    facts: var[FactBase] = var(EMPTY, init=False)
    """The fact base shown: bound to the app's, which owns it."""
    current: var[Ref | None] = var(None)
    """What the detail pane shows: the tree cursor's node, or where a go-to went."""

    def __init__(self) -> None:
        super().__init__()
        self.history = History()
        self.hits: list[Hit] = []
        self.hit_index = -1
        self.search_index: SearchIndex | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield FactTree(id="tree").data_bind(ExplorerScreen.facts)
            yield DetailPane(id="detail").data_bind(
                ExplorerScreen.facts, ref=ExplorerScreen.current
            )
        yield Static(id="too-small")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(FactTree).focus()
        self._mark_focus()

    def _mark_focus(self) -> None:
        """▶ before the title of the pane holding the focus: more than a colour, for NO_COLOR."""
        for pane, title in (
            (self.query_one(FactTree), "Liaoning"),
            (self.query_one(DetailPane), "Detail"),
        ):
            pane.border_title = f"▶ {title}" if pane.has_focus_within else title

    def on_descendant_focus(self) -> None:
        self._mark_focus()

    def watch_facts(self, was: FactBase, facts: FactBase) -> None:
        """A new fact base: the panes follow it by their bindings; what is shown settles after."""
        self.hits, self.hit_index = [], -1
        self.search_index = None
        self.set_timer(INDEX_DELAY, self._index_in_background)
        if was is EMPTY:
            first = next(iter(facts.entities), None)
            if first is not None:
                self.call_after_refresh(self.show, Ref.entity(first))
            return
        shown = self.current
        if shown is not None:
            self.call_after_refresh(self._settle, shown, was, facts)

    def _settle(self, shown: Ref, was: FactBase, facts: FactBase) -> None:
        target, notice = settle(shown, was, facts)
        if notice:
            self.notify(notice, severity="warning", markup=False)
        if target is None:
            self.query_one(FactTree).move_cursor_to_line(0)
        else:
            self.show(target)

    def _index_in_background(self) -> None:
        self.run_worker(self._build_index, thread=True, group="index", exclusive=True)

    def _build_index(self) -> None:
        from liaoning_tui.facts.search import index_for

        facts = self.facts
        index = index_for(facts)
        if self.facts is facts and self.search_index is None:
            self.search_index = index

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        if small:
            self.query_one("#too-small", Static).update(too_small(width, height))

    @on(Tree.NodeHighlighted)
    def _follow_cursor(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        data = event.node.data
        if isinstance(data, Item):
            self.current = data.ref
        elif isinstance(data, Group):
            self.current = Ref.group(data.name)
        elif isinstance(data, More):
            self.current = Ref.group(data.group)

    @on(DataTable.RowSelected, "#figures")
    def _figure_chosen(self) -> None:
        self.action_source()

    def go_to(self, ref: Ref, figure: int | None = None) -> None:
        """Show `ref` and record the move in the history, as a browser records a followed link."""
        target, notice = settle(ref, self.facts, self.facts)
        if target is None:
            self.notify(notice, severity="warning", markup=False)
            return
        self.history.visit(self.query_one(FactTree).place(), target)
        self.show(target, figure)

    def show(self, ref: Ref, figure: int | None = None) -> None:
        """Put the tree cursor on `ref` and show it, with `figure` selected where given."""
        tree = self.query_one(FactTree)
        tree.show(ref)
        self.current = ref
        if figure is not None:
            self.call_after_refresh(self._select_figure, figure)
        elif not tree.has_focus:
            tree.focus()

    def _select_figure(self, index: int) -> None:
        table = self.query_one(DetailPane).figure_table
        if table is not None:
            table.move_cursor(row=index)
            table.focus()

    def _walk(self, ref: Ref | None, nowhere: str) -> None:
        if ref is None:
            self.notify(nowhere, timeout=2)
            return
        target, notice = settle(ref, self.facts, self.facts)
        if target is None:
            self.notify(notice, severity="warning", markup=False)
            return
        self.show(target)

    def action_back(self) -> None:
        self._walk(self.history.back(self.query_one(FactTree).place()), "Nothing to go back to.")

    def action_forward(self) -> None:
        self._walk(
            self.history.forward(self.query_one(FactTree).place()), "Nothing to go forward to."
        )

    @property
    def selected_figure(self) -> tuple[Entity, int] | None:
        """The entity shown and the index of the figure under the figure table's cursor."""
        table = self.query_one(DetailPane).figure_table
        current = self.current
        if table is None or table.selected is None or current is None:
            return None
        entity = self.facts.entities.get(current.id) if current.kind == "entity" else None
        return None if entity is None else (entity, table.selected)

    def action_copy(self) -> None:
        selected = self.selected_figure
        if selected is None:
            self.notify("No figure selected: move to an entity with figures.", severity="warning")
            return
        entity, index = selected
        figure = entity.figures[index]
        self.app.copy_to_clipboard(citation(entity.name, figure, self.facts.sources))
        self.notify(f"Copied {clean(figure.metric)} with its source.", timeout=3, markup=False)

    def action_source(self) -> None:
        from liaoning_tui.ui.screens.source import SourceScreen

        selected = self.selected_figure
        if selected is not None:
            entity, index = selected
            self.app.push_screen(SourceScreen(Ref.entity(entity.id), figure=index))
        elif self.current is not None and self.current.kind != "group":
            self.app.push_screen(SourceScreen(self.current))
        else:
            self.notify("Move to an entity or source first.", severity="warning")

    def action_growth(self) -> None:
        from liaoning_tui.ui.screens.growth import GrowthScreen

        self.app.push_screen(GrowthScreen())

    def action_chart(self) -> None:
        from liaoning_tui.ui.screens.series import SeriesScreen

        ref = self.current
        entity = self.facts.entities.get(ref.id) if ref and ref.kind == "entity" else None
        if entity is None or not entity.series:
            self.notify("No series here: move to an entity with a history.", timeout=3)
            return
        self.app.push_screen(SeriesScreen(entity.series[0].id))

    def on_series_sparks_chosen(self, message: SeriesSparks.Chosen) -> None:
        from liaoning_tui.ui.screens.series import SeriesScreen

        self.app.push_screen(SeriesScreen(message.series_id))

    def action_map(self) -> None:
        from liaoning_tui.ui.screens.map import MapScreen

        self.app.push_screen(MapScreen())

    def action_search(self) -> None:
        from liaoning_tui.facts.search import index_for
        from liaoning_tui.ui.screens.search import SearchScreen

        if self.search_index is None:
            self.search_index = index_for(self.facts)
        self.app.push_screen(SearchScreen(self.search_index), self._searched)

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
