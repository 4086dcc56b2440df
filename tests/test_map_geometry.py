"""The map's geometry without Textual: projection, braille, fill, placing and moving."""

from __future__ import annotations

import math

from liaoning_tui.facts import FactBase, loads
from liaoning_tui.geo.boundaries import load_boundaries
from liaoning_tui.geo.labels import Label, labels, width
from liaoning_tui.geo.places import Marker, Place, lay_out, nearest, places
from liaoning_tui.geo.raster import Canvas, Frame, fill
from liaoning_tui.geo.shading import classify, shadings
from tests.conftest import MINIMAL


def test_the_frame_fits_and_centres_the_bounds() -> None:
    frame = Frame.fit((0.0, -1.0, 2.0, 1.0), 20, 5)
    assert frame.scale == 9.5
    assert frame.dot((0.0, 1.0)) == (10.0, 0.0)
    assert frame.dot((2.0, -1.0)) == (29.0, 19.0)
    assert frame.cell((2.0, -1.0)) == (14, 4)
    assert frame.cell((50.0, -50.0)) == (19, 4)


def test_a_degree_of_longitude_shrinks_with_latitude() -> None:
    frame = Frame.fit((0.0, 59.0, 1.0, 61.0), 40, 10)
    west, _ = frame.dot((0.0, 60.0))
    east, _ = frame.dot((1.0, 60.0))
    assert math.isclose(east - west, frame.scale * math.cos(math.radians(60)))


def test_braille_dots_and_lines() -> None:
    canvas = Canvas(2, 1)
    canvas.line((0, 0), (3, 0))
    assert (canvas.at(0, 0), canvas.at(1, 0)) == ("⠉", "⠉")
    canvas.set(0, 3)
    assert canvas.at(0, 0) == "⡉"
    canvas.set(99, 99)
    assert Canvas(1, 1).at(0, 0) == " "


def test_fill_takes_the_cells_whose_centre_is_inside() -> None:
    frame = Frame.fit((0.0, -1.0, 2.0, 1.0), 10, 5)
    square = [(0.5, 0.5), (1.5, 0.5), (1.5, -0.5), (0.5, -0.5), (0.5, 0.5)]
    inside = fill(frame, [square])
    assert {row for _, row in inside} == {1, 2, 3}
    assert {column for column, _ in inside} == {2, 3, 4, 5, 6}


def place(name: str, point: tuple[float, float], kind: str = "city") -> Place:
    return Place(name, name, "", kind, "", point, "")


def test_markers_on_one_point_gather_round_it_right_first() -> None:
    frame = Frame.fit((0.0, -1.0, 2.0, 1.0), 20, 5)
    markers = lay_out([place("a", (1.0, 0.0)), place("b", (1.0, 0.0))], frame)
    assert [(marker.column, marker.row) for marker in markers] == [(9, 2), (10, 2)]


def test_nearest_in_a_direction_prefers_the_45_degree_cone() -> None:
    def marker(name: str, column: int, row: int) -> Marker:
        return Marker(place(name, (0.0, 0.0)), column, row)

    markers = [
        marker("here", 10, 10),
        marker("east-far", 20, 10),
        marker("north-east-near", 13, 9),
        marker("north", 10, 4),
        marker("west", 2, 11),
    ]
    assert nearest(markers, 0, "right") == 2
    assert nearest(markers, 0, "up") == 3
    assert nearest(markers, 0, "left") == 4
    # Nothing within 45 degrees below: the nearest marker below at all.
    assert nearest(markers, 0, "down") == 4
    assert nearest(markers, 3, "up") is None
    assert nearest(markers, 3, "down") == 2


def test_the_default_base_is_placed_by_location_or_city(default_facts: FactBase) -> None:
    found = {item.entity_id: item for item in places(default_facts, load_boundaries())}
    shenyang = next(city for city in load_boundaries().cities if city.name == "Shenyang")
    assert found["shenyang"].point == shenyang.centroid == (123.14, 42.1)
    assert found["siasun"].point == shenyang.centroid
    assert (found["siasun"].city, found["siasun"].source) == ("Shenyang", "")
    assert found["port-dalian"].point == (121.65, 38.933)
    assert found["port-dalian"].source == "wikipedia-port-dalian"
    ports = [item for item in found.values() if item.kind == "port"]
    assert len(ports) == 6
    assert "beijing" not in found and "liaoning" not in found and "bmw" not in found
    assert list(found)[:7] == [
        "shenyang",
        "dalian",
        "yingkou",
        "dandong",
        "jinzhou",
        "panjin",
        "huludao",
    ]


def test_classes_of_equal_count() -> None:
    levels, labels = classify({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 5})
    assert levels == {"a": 1, "b": 1, "c": 2, "d": 3, "e": 4, "f": 4}
    assert labels == ("1–2", "3", "4", "5")


CITY_GDP = MINIMAL + "".join(
    f"""
[[entities]]
id = "{slug}"
kind = "city"
name = "{name}"

[[entities.figures]]
metric = "GDP"
value = {value}
unit = "yuan"
scale = "billion"
period = "2023"
source = "article"
quote = "{name} {value}"
"""
    for slug, name, value in (("shenyang", "Shenyang", 800), ("dalian", "Dalian", 900))
)


def test_a_figure_of_two_cities_shades_them() -> None:
    (shading,) = shadings(loads(CITY_GDP), load_boundaries())
    assert shading.title == "GDP 2023 (billion yuan)"
    assert shading.levels == {"210100": 1, "210200": 2}
    assert shading.classes == ("800", "900")


def test_a_label_goes_below_its_city_unless_a_marker_is_there() -> None:
    boundaries = load_boundaries()
    shenyang = boundaries.cities[:1]
    frame = Frame.fit(boundaries.bounds(), 80, 20)
    column, row = frame.cell(shenyang[0].centroid)
    (below,) = labels(shenyang, frame, [(column, row)])
    assert below == Label("Shenyang 沈阳", column - 6, row + 1)
    assert width(below.text) == 13
    (above,) = labels(shenyang, frame, [(column, row), (column + 3, row + 1)])
    assert above == Label("Shenyang 沈阳", column - 6, row - 1)
    narrow = Frame.fit(boundaries.bounds(), 10, 20)
    assert [label.text for label in labels(shenyang, narrow, [])] == ["Shenyang"]
