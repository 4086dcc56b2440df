"""The map itself: outlines, city labels, markers and the selected one, drawn to fit its size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from liaoning_tui.facts.display import clean
from liaoning_tui.geo.boundaries import Boundaries
from liaoning_tui.geo.labels import labels, width
from liaoning_tui.geo.places import Marker, Place, lay_out, nearest, symbol
from liaoning_tui.geo.raster import Frame, draw, fill

SHADES = " ░▒▓█"
"""Fill of a city by its class (1 to 4) where there is no colour (NO_COLOR)."""


@dataclass(frozen=True, slots=True)
class Layer:
    """What the map draws at one size, before markers: characters and their component class."""

    frame: Frame
    chars: list[list[str]]
    classes: list[list[str]]


def _layer(boundaries: Boundaries, columns: int, rows: int, levels: Mapping[str, int]) -> Layer:
    frame = Frame.fit(boundaries.bounds(), columns, rows)
    borders = draw(frame, [ring for city in boundaries.cities for ring in city.rings])
    outline = draw(frame, boundaries.province)
    chars = [[" "] * columns for _ in range(rows)]
    classes = [[""] * columns for _ in range(rows)]
    for city in boundaries.cities:
        level = levels.get(city.code, 0)
        if not level:
            continue
        for column, row in fill(frame, city.rings):
            classes[row][column] = f"map--fill-{level}"
    for row in range(rows):
        for column in range(columns):
            bits = outline.cells[row * columns + column] | borders.cells[row * columns + column]
            if outline.cells[row * columns + column]:
                chars[row][column] = chr(0x2800 + bits)
                classes[row][column] = "map--outline"
            elif bits:
                chars[row][column] = chr(0x2800 + bits)
                classes[row][column] = classes[row][column] or "map--border"
    return Layer(frame, chars, classes)


class MapView(Widget, can_focus=True):
    """Arrows or hjkl move to the nearest marker that way; Enter goes to its entity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left,h",
            "move('left')",
            "West",
            show=False,
            id="map-west",
            tooltip="To the nearest marker west (within 45 degrees where there is one)",
        ),
        Binding(
            "right,l",
            "move('right')",
            "East",
            show=False,
            id="map-east",
            tooltip="To the nearest marker east (within 45 degrees where there is one)",
        ),
        Binding(
            "up,k",
            "move('up')",
            "North",
            show=False,
            id="map-north",
            tooltip="To the nearest marker north (within 45 degrees where there is one)",
        ),
        Binding(
            "down,j",
            "move('down')",
            "South",
            show=False,
            id="map-south",
            tooltip="To the nearest marker south (within 45 degrees where there is one)",
        ),
        Binding("enter", "choose", "Go", id="map-go", tooltip="Go to the selected marker's entity"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "map--outline",
        "map--border",
        "map--label",
        "map--marker",
        "map--selected",
        "map--fill-1",
        "map--fill-2",
        "map--fill-3",
        "map--fill-4",
    }
    DEFAULT_CSS = """
    MapView { height: 1fr; }
    MapView > .map--outline { color: $foreground; }
    MapView > .map--border { color: $foreground-muted; }
    MapView > .map--label { color: $text-muted; }
    MapView > .map--marker { color: $text-accent; text-style: bold; }
    MapView > .map--selected { color: $background; background: $foreground; text-style: bold; }
    MapView > .map--fill-1 { background: $primary 15%; }
    MapView > .map--fill-2 { background: $primary 35%; }
    MapView > .map--fill-3 { background: $primary 55%; }
    MapView > .map--fill-4 { background: $primary 80%; }
    """

    @dataclass
    class Moved(Message):
        """The selection moved to `place`, or None when no marker is left to select."""

        place: Place | None

    @dataclass
    class Chosen(Message):
        place: Place

    places: reactive[tuple[Place, ...]] = reactive(())
    """Every marker the map can show, from the screen."""
    wanted: reactive[str] = reactive("")
    """Only markers whose names hold this are shown."""
    levels: reactive[Mapping[str, int]] = reactive(dict)
    """Class (1 to 4) of each city's code, for the choropleth; empty for none."""
    selected: reactive[str] = reactive("")
    """The entity id of the selected marker."""

    def __init__(self, boundaries: Boundaries, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.boundaries = boundaries
        self._layer: tuple[tuple[int, int, tuple[tuple[str, int], ...]], Layer] | None = None

    def drawing(self) -> Layer:
        """The outlines and fill at the current size, drawn again only when size or fill change."""
        width, height = max(self.size.width, 1), max(self.size.height, 1)
        key = (width, height, tuple(sorted(self.levels.items())))
        if self._layer is None or self._layer[0] != key:
            self._layer = (key, _layer(self.boundaries, width, height, self.levels))
        return self._layer[1]

    def shown(self) -> list[Place]:
        wanted = self.wanted.strip().casefold()
        return [place for place in self.places if not wanted or wanted in _names(place)]

    def markers(self) -> list[Marker]:
        return lay_out(self.shown(), self.drawing().frame)

    def watch_places(self) -> None:
        self._settle()

    def watch_wanted(self) -> None:
        self._settle()

    def _settle(self) -> None:
        """Keep the selection on a shown marker, or the first one, and say where it is."""
        shown = self.shown()
        ids = [place.entity_id for place in shown]
        if self.selected not in ids:
            self.selected = ids[0] if ids else ""
        self.post_message(self.Moved(self.selected_place()))

    def selected_place(self) -> Place | None:
        return next((p for p in self.shown() if p.entity_id == self.selected), None)

    def action_move(self, direction: str) -> None:
        markers = self.markers()
        ids = [marker.place.entity_id for marker in markers]
        if self.selected not in ids:
            return
        found = nearest(markers, ids.index(self.selected), direction)
        if found is None:
            self.notify(f"No marker further {_compass(direction)}.", timeout=2)
            return
        self.selected = ids[found]
        self.post_message(self.Moved(markers[found].place))

    def action_choose(self) -> None:
        place = self.selected_place()
        if place is not None:
            self.post_message(self.Chosen(place))

    def render(self) -> Text:
        layer = self.drawing()
        chars = [row[:] for row in layer.chars]
        classes = [row[:] for row in layer.classes]
        markers = self.markers()
        for marker in markers:
            chars[marker.row][marker.column] = symbol(marker.place.kind)
            selected = marker.place.entity_id == self.selected
            classes[marker.row][marker.column] = "map--selected" if selected else "map--marker"
        cells = {(marker.column, marker.row) for marker in markers}
        for label in labels(self.boundaries.cities, layer.frame, cells):
            self._put(chars, classes, label.text, (label.column, label.row))
        if self.app.no_color:
            for row, line in enumerate(classes):
                for column, name in enumerate(line):
                    if name.startswith("map--fill-") and chars[row][column] == " ":
                        chars[row][column] = SHADES[int(name[-1])]
        return _text(
            chars,
            classes,
            {name: self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES},
        )

    @staticmethod
    def _put(
        chars: list[list[str]], classes: list[list[str]], text: str, at: tuple[int, int]
    ) -> None:
        column, row = at
        for char in text:
            chars[row][column] = char
            classes[row][column] = "map--label"
            if width(char) == 2:
                chars[row][column + 1] = ""
                column += 1
            column += 1


def _names(place: Place) -> str:
    return " ".join((place.name, place.name_zh, place.entity_id, place.city)).casefold()


def _compass(direction: str) -> str:
    return {"left": "west", "right": "east", "up": "north", "down": "south"}[direction]


def _text(
    chars: Sequence[Sequence[str]], classes: Sequence[Sequence[str]], styles: Mapping[str, Style]
) -> Text:
    """The grid as one Text, a span per run of one class (a wide character's second cell is "")."""
    text = Text(no_wrap=True, overflow="crop", end="")
    for index, (line, names) in enumerate(zip(chars, classes, strict=True)):
        if index:
            text.append("\n")
        start = 0
        for column in range(1, len(line) + 1):
            if column == len(line) or names[column] != names[start]:
                run = "".join(line[start:column])
                text.append(clean(run), styles.get(names[start]) or None)
                start = column
    return text
