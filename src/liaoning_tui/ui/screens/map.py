"""The map of Liaoning: every located entity as a marker, moved between by keyboard."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from liaoning_tui.facts.display import clean
from liaoning_tui.facts.model import FactBase
from liaoning_tui.facts.vocabulary import KINDS
from liaoning_tui.geo.boundaries import SOURCE_ID, load_boundaries
from liaoning_tui.geo.places import SYMBOLS, Place, places, symbol
from liaoning_tui.geo.shading import Shading, shadings
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.keys import RELOAD_IN_VIEW
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.widgets.map_view import SHADES, MapView


class MapScreen(Screen[None]):
    """Opened with `m`; Enter goes to the selected marker's entity, Esc returns."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="map-close", tooltip="Back to the explorer"),
        Binding("slash", "filter", "Filter", id="map-filter", tooltip="Show only markers named so"),
        Binding(
            "c",
            "shade",
            "Shade",
            id="map-shade",
            tooltip="Shade the cities by the next figure given for several of them",
        ),
        RELOAD_IN_VIEW,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shadings: list[Shading] = []
        self.shading = -1
        """Index into `shadings` of the figure shading the cities; -1 for none."""

    def compose(self) -> ComposeResult:
        yield MapView(load_boundaries(), id="map")
        yield Static(id="map-status", markup=False)
        yield Static(id="map-legend", markup=False)
        yield Input(placeholder="Filter markers by name", id="map-query")
        yield Static(id="map-source", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#map-query", Input).display = False
        self.follow_facts(facts_of(self))
        self.query_one(MapView).focus()

    def follow_facts(self, facts: FactBase) -> str | None:
        """Markers, shading and the boundary source come from the new fact base."""
        view = self.query_one(MapView)
        view.places = tuple(places(facts, view.boundaries))
        self.shadings = shadings(facts, view.boundaries)
        self.shading = min(self.shading, len(self.shadings) - 1)
        self._shade()
        source = facts.sources.get(SOURCE_ID)
        cited = (
            Text.assemble("Boundaries: ", plain(source.title))
            if source is not None
            else plain(f"Boundaries: {view.boundaries.about}")
        )
        self.query_one("#map-source", Static).update(cited)
        return None

    def _shade(self) -> None:
        view = self.query_one(MapView)
        chosen = self.shadings[self.shading] if self.shading >= 0 else None
        view.levels = dict(chosen.levels) if chosen else {}
        legend = Text()
        kinds = dict.fromkeys(place.kind for place in view.places)
        for kind in (*SYMBOLS, *kinds):
            if kind in kinds:
                kinds.pop(kind)
                legend.append(f"{symbol(kind)} {KINDS[kind].label}  ")
        if chosen is not None:
            legend.append("│ ")
            legend.append_text(plain(chosen.title))
            for level, label in enumerate(chosen.classes, start=1):
                style = view.get_component_rich_style(f"map--fill-{level}")
                swatch = SHADES[level] if self.app.no_color else " "
                legend.append(" ")
                legend.append(swatch * 2, style)
                legend.append(f" {label}")
        self.query_one("#map-legend", Static).update(legend)

    @on(MapView.Moved)
    def _moved(self, event: MapView.Moved) -> None:
        self.query_one("#map-status", Static).update(status(event.place))

    @on(MapView.Chosen)
    def _chosen(self, event: MapView.Chosen) -> None:
        self.post_message(GoTo(Ref.entity(event.place.entity_id)))

    def action_filter(self) -> None:
        box = self.query_one("#map-query", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#map-query")
    def _filtered(self, event: Input.Changed) -> None:
        self.query_one(MapView).wanted = event.value

    @on(Input.Submitted, "#map-query")
    def _submitted(self) -> None:
        self.query_one(MapView).focus()

    def action_close(self) -> None:
        box = self.query_one("#map-query", Input)
        if box.has_focus:
            box.value = ""
            box.display = False
            self.query_one(MapView).focus()
            return
        self.dismiss()

    def action_shade(self) -> None:
        if not self.shadings:
            self.notify("No figure is given for two or more of the mapped cities.", timeout=3)
            return
        self.shading = self.shading + 1 if self.shading + 1 < len(self.shadings) else -1
        self._shade()


def status(place: Place | None) -> Text:
    """The selected marker: symbol, name, kind and city, and where its position comes from."""
    if place is None:
        return Text("No marker matches the filter.")
    line = Text.assemble(
        (f"{symbol(place.kind)} ", "bold"),
        plain(place.name, "bold"),
        f" · {KINDS[place.kind].label}",
    )
    if place.city:
        line.append(f" · {clean(place.city)}")
    if place.source:
        longitude, latitude = place.point
        line.append(f" · at {latitude:.3f}°N {longitude:.3f}°E (")
        line.append_text(plain(place.source))
        line.append(")")
    elif place.kind == "city":
        line.append(" · at its boundary's centroid")
    else:
        line.append(" · at its city's centroid (no source gives its position)")
    return line
