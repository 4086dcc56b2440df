"""SVG snapshots of the series view at 80x24 and 160x48, compared, and with NO_COLOR; each
scenario also asserts what it shows.

Update them after a deliberate change with
`pytest tests/test_series_snapshots.py --snapshot-update` and look at the pictures first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from liaoning_tui.facts import FactBase
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.series import SeriesScreen
from tests.screen import visible_text

Scenario = Callable[[Pilot[Any]], Awaitable[None]]


def chart_of(entity: str, keys: list[str], expected: str, compared: int = 1) -> Scenario:
    async def scenario(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, LiaoningApp)
        await pilot.pause()
        app.explorer.show(Ref.entity(entity))
        await pilot.pause()
        await pilot.pause()
        await pilot.press("c", *keys)
        await pilot.pause()
        assert isinstance(app.screen, SeriesScreen)
        assert len(app.screen.ids) == compared
        assert expected in visible_text(app)

    return scenario


SCENARIOS: dict[str, Scenario] = {
    "gdp": chart_of("liaoning", ["j"] * 11, "2019 | — |  | —"),
    "siasun": chart_of("siasun", ["j"] * 10, "2019 | 2,745 m yuan | ▼ 11.3% | stockanalysis.com"),
    "ports-compared": chart_of(
        "port-dalian", ["a", "enter"], "2013 | 10.015 m TEU | 5.3 m TEU", compared=2
    ),
}


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_series_snapshot(
    snap_compare: Callable[..., bool], default_facts: FactBase, name: str, size: tuple[int, int]
) -> None:
    assert snap_compare(build_app(default_facts), terminal_size=size, run_before=SCENARIOS[name])


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_series_snapshot_light(
    snap_compare: Callable[..., bool], default_facts: FactBase, name: str
) -> None:
    app = build_app(default_facts, theme="light")
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCENARIOS[name])


@pytest.mark.parametrize("name", ["gdp", "ports-compared"])
def test_series_snapshot_no_color(
    snap_compare: Callable[..., bool],
    default_facts: FactBase,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(default_facts)
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCENARIOS[name])
