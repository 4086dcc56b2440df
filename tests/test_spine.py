"""One fact base owned by the app, one go-to for every move: reloads, history and scrolling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input

from liaoning_tui.facts import FactBase, load
from liaoning_tui.facts.reading import FigureReading
from liaoning_tui.ui.app import build_app
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.explorer import ExplorerScreen
from liaoning_tui.ui.screens.growth import GrowthScreen
from liaoning_tui.ui.screens.search import SearchScreen
from liaoning_tui.ui.screens.source import SourceScreen
from liaoning_tui.ui.widgets import detail as detail_module
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.fact_tree import FactTree
from liaoning_tui.ui.widgets.link_list import LinkList
from tests.conftest import MINIMAL
from tests.screen import record_notices, visible_text

SIZE = (100, 32)

PROVINCE = MINIMAL

SIASUN = """
[[entities]]
id = "siasun"
kind = "company"
name = "Siasun"

[[entities.figures]]
metric = "Revenue"
value = 3.0
unit = "yuan"
scale = "billion"
period = "2023"
change = 20.0
source = "article"
quote = "Siasun's revenue grew 20 percent"
"""


async def test_the_growth_view_follows_a_reload_that_drops_its_first_row(
    write_facts: Callable[[str], Path],
) -> None:
    path = write_facts(PROVINCE + SIASUN)
    app = build_app(load(path), path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, GrowthScreen)
        assert "Siasun · Revenue" in visible_text(app)
        path.write_text(PROVINCE)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, GrowthScreen)
        assert "Siasun" not in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert app.explorer.current == Ref.entity("liaoning")
        text = visible_text(app)
        assert "GDP: exceed 1.4 tn yuan · H1 2023 · ▲ 5.6% y/y" in text
        table = app.query_one(DetailPane).figure_table
        assert table is not None and table.has_focus and table.cursor_row == 0


async def test_an_entity_gone_after_a_reload_falls_back_to_its_group(
    write_facts: Callable[[str], Path],
) -> None:
    path = write_facts(
        PROVINCE + SIASUN + SIASUN.replace("siasun", "other").replace("Siasun", "Other")
    )
    app = build_app(load(path), path=path)
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"siasun", "enter")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("siasun")
        path.write_text(PROVINCE + SIASUN.replace("siasun", "other").replace("Siasun", "Other"))
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == Ref.group("Companies")
        assert "Siasun is no longer in the fact base: showing Companies." in notices
        assert "Companies\n1 in this group" in visible_text(app)


async def test_a_view_that_cannot_follow_a_reload_closes_with_a_notice(
    write_facts: Callable[[str], Path],
) -> None:
    path = write_facts(PROVINCE + SIASUN)
    app = build_app(load(path), path=path)
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"siasun", "enter", "s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        path.write_text(PROVINCE)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert (
            "The fact base was reloaded without what the source view showed: closed it." in notices
        )
        assert app.explorer.current == Ref.group("Overview")
        assert "Siasun is no longer in the fact base." in notices


async def test_one_fact_base_is_held_by_the_app_and_bound_below(
    write_facts: Callable[[str], Path],
) -> None:
    path = write_facts(PROVINCE)
    app = build_app(load(path), path=path)
    async with app.run_test(size=SIZE) as pilot:
        path.write_text(PROVINCE + SIASUN)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        new = app.facts
        assert "siasun" in new.entities
        assert app.explorer.facts is new
        assert app.query_one(FactTree).facts is new
        assert app.query_one(DetailPane).facts is new


async def test_back_returns_after_following_a_link_from_the_tree(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"port of dalian", "enter")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("port-dalian")
        tree = app.query_one(FactTree)
        tree.focus()
        await pilot.press("l")
        await pilot.pause()
        while tree.cursor_node is not None and "located in → Dalian" not in str(
            tree.cursor_node.label
        ):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == Ref.entity("dalian")
        assert tree.place() == Ref.entity("dalian")
        await pilot.press("backspace")
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == Ref.entity("port-dalian")
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == Ref.entity("dalian")


async def test_a_go_to_from_the_detail_pane_shows_the_new_entity_from_its_top(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"port of dalian", "enter")
        await pilot.pause()
        detail = app.query_one(DetailPane)
        links = app.query_one(LinkList)
        links.focus()
        await pilot.pause()
        assert detail.scroll_y > 0
        links.highlighted = next(
            index for index, ref in enumerate(links.targets) if ref == Ref.entity("dalian")
        )
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == Ref.entity("dalian")
        assert detail.scroll_y == 0
        assert "Dalian  大连" in visible_text(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("port-dalian")


async def test_letters_typed_in_one_go_after_slash_reach_the_search_box(
    default_facts: FactBase,
) -> None:
    """As a terminal sends `/siasun` typed fast: every key queued before any is handled."""
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, character in [("slash", "/"), *((letter, letter) for letter in "siasun")]:
            event = events.Key(key, character)
            event.set_sender(app)
            app.post_message(event)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "siasun"
        await pilot.press("enter")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("siasun")


async def test_a_figure_note_is_rendered_once_a_move(
    default_facts: FactBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []
    real = detail_module.figure_note

    def counting(reading: FigureReading, source: str, palette: Palette) -> Text:
        rendered.append(reading.metric)
        return real(reading, source, palette)

    monkeypatch.setattr(detail_module, "figure_note", counting)
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert rendered == ["GDP"]
        rendered.clear()
        await pilot.press("slash", *"cgip", "enter")
        await pilot.pause()
        entity = default_facts.entities["cgip"]
        assert rendered == [entity.figures[0].metric]
        rendered.clear()
        table = app.query_one(DetailPane).figure_table
        assert table is not None
        table.focus()
        await pilot.press("j")
        await pilot.pause()
        assert rendered == [entity.figures[1].metric]
        assert f"{entity.figures[1].metric}: " in visible_text(app)


async def test_page_keys_as_the_palette_opens_do_not_end_the_app(default_facts: FactBase) -> None:
    """Textual 8.2's OptionList raised KeyError for a page key before its list was laid out."""
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("ctrl+p", "pagedown", "pagedown", "pageup"):
            event = events.Key(key, None)
            event.set_sender(app)
            app.post_message(event)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"siasun")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("siasun")
