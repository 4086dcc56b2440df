"""SVG snapshots of each kind of screen at 80x24 and 120x40 (and in the light theme at 80x24),
each with assertions on its content.

Update them after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the pictures before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from liaoning_tui.facts import FactBase
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.growth import GrowthScreen
from liaoning_tui.ui.screens.help import HelpScreen
from liaoning_tui.ui.screens.search import SearchScreen
from liaoning_tui.ui.screens.source import SourceScreen
from tests.screen import visible_text

SIZES = [(80, 24), (120, 40)]
Scenario = Callable[[Pilot[Any]], Awaitable[None]]


def go_to(ref: Ref, expected: str) -> Scenario:
    async def scenario(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, LiaoningApp)
        app.explorer.show(ref)
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == ref
        assert expected in visible_text(app)

    return scenario


def press(keys: list[str], screen: type, expected: str) -> Scenario:
    async def scenario(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(pilot.app.screen, screen)
        assert expected in visible_text(pilot.app)

    return scenario


SCENARIOS: dict[str, Scenario] = {
    "province": go_to(Ref.entity("liaoning"), "exceed 1.4 tn yuan"),
    "park-with-doubt": go_to(Ref.entity("cgip"), "481.5 bn yuan"),
    "company-with-series": go_to(Ref.entity("siasun"), "first 466.5 2009"),
    "port": go_to(Ref.entity("port-dalian"), "Container throughput"),
    "person": go_to(Ref.entity("fu-qiang"), "Fu Qiang"),
    "source": go_to(Ref.source("article"), "e-works Manufacturing News"),
    "group": go_to(Ref.group("Companies"), "5 in this group"),
    "growth": press(["v"], GrowthScreen, "▲ 27.8%"),
    "search": press(["slash", *"siasun"], SearchScreen, "Siasun"),
    "help": press(["question_mark"], HelpScreen, "Copy — Copy the selected figure"),
    "source-view": press(["s"], SourceScreen, "in the first six months"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_snapshot(
    snap_compare: Callable[..., bool], default_facts: FactBase, name: str, size: tuple[int, int]
) -> None:
    app = build_app(default_facts)
    assert snap_compare(app, terminal_size=size, run_before=SCENARIOS[name])


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_snapshot_light(
    snap_compare: Callable[..., bool], default_facts: FactBase, name: str
) -> None:
    """Each screen once more in the light theme, at 80x24."""
    app = build_app(default_facts, theme="light")
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCENARIOS[name])
