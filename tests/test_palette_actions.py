"""The palette's actions, each run by typing its name and Enter; the config's keymap, theme and
notice, seen in the running explorer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.command import CommandList
from textual.pilot import Pilot

from liaoning_tui.config import read
from liaoning_tui.facts import FactBase, load
from liaoning_tui.facts.export import to_csv, to_json
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.go_to_palette import GoToPalette
from liaoning_tui.ui.screens.explorer import ExplorerScreen
from liaoning_tui.ui.screens.export import ExportScreen
from liaoning_tui.ui.screens.growth import GrowthScreen
from liaoning_tui.ui.screens.help import HelpScreen
from liaoning_tui.ui.screens.map import MapScreen
from liaoning_tui.ui.screens.search import SearchScreen
from liaoning_tui.ui.screens.series import SeriesScreen
from liaoning_tui.ui.screens.source import SourceScreen
from tests.conftest import MINIMAL
from tests.screen import plain, record_notices, visible_text

SIZE = (100, 30)


async def palette(pilot: Pilot[Any], typed: str) -> str:
    """Open the palette, type `typed`; the first hit's text, which Enter would run ("" if none)."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GoToPalette)
    await pilot.press(*typed)
    await pilot.pause(0.5)
    hits = pilot.app.screen.query_one(CommandList)
    return plain(hits.get_option_at_index(0).prompt) if hits.option_count else ""


@pytest.mark.parametrize(
    ("typed", "key", "view"),
    [
        ("Search", "/", SearchScreen),
        ("Growth view", "v", GrowthScreen),
        ("Series view", "c", SeriesScreen),
        ("Map", "m", MapScreen),
        ("Source view", "s", SourceScreen),
        ("Help: keys", "?", HelpScreen),
        ("Export", "x", ExportScreen),
    ],
)
async def test_a_palette_action_opens_its_view(
    default_facts: FactBase, typed: str, key: str, view: type
) -> None:
    app = build_app(default_facts, exports=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = await palette(pilot, typed)
        assert first.startswith(typed), first
        assert f"\n{key} · " in first, first
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, view)


async def test_copy_from_the_palette(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "\ny · " in await palette(pilot, "Copy figure")
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard.startswith("Liaoning: GDP")
        assert "Copied GDP with its source." in notices


async def test_reload_and_quit_from_the_palette(write_facts: Callable[[str], Path]) -> None:
    path = write_facts(MINIMAL)
    app = build_app(load(path), path=path)
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        path.write_text(MINIMAL.replace("value = 1.4", "value = 1.5"))
        assert "\nr · " in await palette(pilot, "Reload")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"Reloaded {path}." in notices
        assert "exceed 1.5 tn yuan" in visible_text(app)
        assert "\nq · " in await palette(pilot, "Quit")
        await pilot.press("enter")
        await pilot.pause()
        assert app.return_code == 0


async def test_theme_from_the_palette_lists_themes_and_sets_one(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "\nt · " in await palette(pilot, "Theme")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, GoToPalette)
        listed = [line.strip() for line in visible_text(app).split("\n") if line.strip()]
        assert listed[:3] == ["dark", "the current theme", "light"]
        assert "high-contrast" in listed
        assert "textual-light" not in listed, "Textual's themes set none of our colours"
        await pilot.press(*"high")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "high-contrast"
        assert isinstance(app.screen, ExplorerScreen)


async def test_the_explorer_actions_are_offered_on_the_explorer_only(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        first = await palette(pilot, "Growth view")
        assert not first.startswith("Growth view")


async def test_export_writes_the_chosen_format_whole_and_never_over_a_file(
    default_facts: FactBase, tmp_path: Path
) -> None:
    app = build_app(default_facts, exports=True)
    notices = record_notices(app)
    target = tmp_path / "figures.csv"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.format_name == "csv"
        assert getattr(path_input, "value", None) == "liaoning-facts.csv"
        await pilot.press("tab", *["backspace"] * 20, *str(target), "enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == to_csv(default_facts)
        assert f"Wrote the csv export to {target}" in notices
        assert isinstance(app.screen, ExplorerScreen)

        target.write_text("mine", encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("tab", *["backspace"] * 20, *str(target), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert f"{target} exists; choose another name (nothing is overwritten)." in visible_text(
            app
        )
        assert target.read_text(encoding="utf-8") == "mine"
        json_target = tmp_path / "facts.json"
        await pilot.press(*["backspace"] * len(str(target)), *str(json_target), "enter")
        await pilot.pause()
        assert json_target.read_text(encoding="utf-8") == to_json(default_facts)


async def test_a_session_that_may_not_write_offers_no_export(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = await palette(pilot, "Export")
        assert not first.startswith("Export")
        await pilot.press("escape", "x")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert "Export is not available here: use `liaoning-tui export`." in notices


def explorer_with_config(facts: FactBase) -> LiaoningApp:
    return build_app(facts, config=read())


async def test_a_rebound_key_works_and_the_old_one_does_not(
    default_facts: FactBase, write_config: Callable[[str], Path]
) -> None:
    write_config('[keys]\ngrowth = "w"\nhelp = "f1"\n')
    app = explorer_with_config(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, GrowthScreen)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        growth = next(line for line in sections["Explorer"] if line.action == "growth")
        assert growth.keys == ("w",)
        help_line = next(
            line for line in sections["Explorer and growth view"] if line.action == "help"
        )
        assert help_line.keys == ("f1",)
        await pilot.press("escape")
        await pilot.pause()
        assert "\nw · " in await palette(pilot, "Growth view")


async def test_a_broken_config_starts_with_the_defaults_and_a_notice(
    default_facts: FactBase, write_config: Callable[[str], Path]
) -> None:
    path = write_config('theme = "light"\n[keys]\ngrowth = "w"\nserach = "ctrl+f"\n')
    app = explorer_with_config(default_facts)
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert notices == [
            f"{path}:4:1: keys.serach: unknown binding id 'serach'; did you mean 'search'? "
            "(one of …). The defaults are in use; `liaoning-tui config --check` lists every "
            "problem."
        ]
        assert app.theme == "dark"
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, GrowthScreen)


async def test_the_config_sets_the_theme(
    default_facts: FactBase, write_config: Callable[[str], Path]
) -> None:
    write_config('theme = "light"\n')
    app = explorer_with_config(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "light"
    app = build_app(default_facts, theme="high-contrast", config=read())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "high-contrast", "--theme wins over the config"


async def test_the_palette_opened_empty_lists_the_actions_first(default_facts: FactBase) -> None:
    app = build_app(default_facts, exports=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        hits = app.screen.query_one(CommandList)
        shown = [plain(hits.get_option_at_index(index).prompt) for index in range(12)]
        titles = [text.split("\n")[0] for text in shown]
        assert titles == [
            "Search",
            "Growth view",
            "Series view",
            "Map",
            "Source view",
            "Copy figure",
            "Export…",
            "Reload",
            "Theme",
            "Help: keys",
            "Quit",
            "Go to Liaoning",
        ]
        assert (
            shown[1].strip() == "Growth view\nv · Every year-on-year change and series side by side"
        )


async def test_a_second_enter_as_the_palette_closes_closes_nothing_else(
    default_facts: FactBase,
) -> None:
    """Two Enters sent at once: the first runs the action, the second reached the closing
    palette, which closed again, popping the view just opened (or, with none, ending the app)."""
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, "Growth view")
        await pilot.press("down")
        for _ in range(2):
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.3)
        assert app.is_running
        assert isinstance(app.screen, GrowthScreen)
        assert len(app.screen_stack) == 2, "the action ran once"
        await pilot.press("escape", "t")
        await pilot.pause(0.5)
        for _ in range(3):
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.3)
        assert app.is_running
        assert isinstance(app.screen, ExplorerScreen)
