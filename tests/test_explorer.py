"""The explorer driven by real key presses, asserting on what it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaoning_tui.facts import FactBase, load, loads
from liaoning_tui.facts.growth import changes, ranked
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.growth import GrowthScreen
from liaoning_tui.ui.screens.help import HelpScreen
from liaoning_tui.ui.screens.search import SearchScreen
from liaoning_tui.ui.screens.source import SourceScreen
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.fact_tree import FactTree, Item
from liaoning_tui.ui.widgets.link_list import LinkList
from tests.conftest import MINIMAL
from tests.screen import plain, visible_text

SIZE = (100, 32)


def current(app: LiaoningApp) -> Ref | None:
    return app.explorer.current


async def test_opens_on_the_province_with_its_figures(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert current(app) == Ref.entity("liaoning")
        text = visible_text(app)
        assert "Liaoning  辽宁" in text
        assert "GDP | exceed 1.4 tn yuan | H1 2023 | ▲ 5.6%" in text
        for group in (
            "Overview",
            "Sectors",
            "Parks & zones",
            "Companies",
            "Ports & airports",
            "Cities",
            "People",
            "Sources",
        ):
            assert any(line.startswith(f"{group} ") for line in text.splitlines()), group


async def test_groups_show_their_counts(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE):
        labels = [plain(node.label) for node in app.query_one(FactTree).root.children]
        companies = len(default_facts.by_kind("company"))
        assert f"Companies {companies}" in labels
        assert f"Sources {len(default_facts.sources)}" in labels


async def test_moving_the_cursor_updates_the_detail(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        second = list(default_facts.entities.values())[1]
        assert current(app) == Ref.entity(second.id)
        assert second.name in visible_text(app)
        await pilot.press("k")
        await pilot.pause()
        assert current(app) == Ref.entity("liaoning")


async def test_expanding_a_group_and_an_entity(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(FactTree)
        companies = next(n for n in tree.root.children if plain(n.label).startswith("Companies"))
        assert not companies.is_expanded
        tree.move_cursor(companies)
        await pilot.press("enter")
        await pilot.pause()
        assert companies.is_expanded
        siasun = next(c for c in companies.children if "Siasun" in c.label.plain)
        tree.move_cursor(siasun)
        await pilot.press("l")
        await pilot.pause()
        children = [child.label.plain for child in siasun.children]
        assert any(label.startswith("located in → Shenyang") for label in children), children


async def test_following_a_link_then_back_and_forward(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"siasun", "enter")
        await pilot.pause()
        assert current(app) == Ref.entity("siasun")
        links = app.query_one(DetailPane).query_one(LinkList)
        target_index = next(
            index for index, ref in enumerate(links.targets) if ref == Ref.entity("shenyang")
        )
        links.focus()
        links.highlighted = target_index
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == Ref.entity("shenyang")
        assert "Shenyang" in visible_text(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert current(app) == Ref.entity("siasun")
        await pilot.press("alt+right")
        await pilot.pause()
        assert current(app) == Ref.entity("shenyang")
        await pilot.press("alt+left", "alt+left")
        await pilot.pause()
        assert current(app) == Ref.entity("liaoning")


async def test_search_ranks_and_goes_to_figures(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"cgip")
        await pilot.pause()
        first = visible_text(app).splitlines()
        assert any("China-Germany" in line for line in first)
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == Ref.entity("cgip")
        await pilot.press("slash", *"新松", "enter")
        await pilot.pause()
        assert current(app) == Ref.entity("siasun")


async def test_next_and_previous_hit(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"port", "enter")
        await pilot.pause()
        hits = app.explorer.hits
        assert len(hits) > 2
        assert current(app) == Ref.entity(hits[0].entity_id)
        await pilot.press("n")
        await pilot.pause()
        assert current(app) == Ref.entity(hits[1].entity_id)
        await pilot.press("N", "N")
        await pilot.pause()
        assert current(app) == Ref.entity(hits[-1].entity_id)


async def test_search_with_no_match_says_so(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zzzzqqqq")
        await pilot.pause()
        assert "No match." in visible_text(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert current(app) == Ref.entity("liaoning")


async def test_palette_goes_to_any_entity(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to Siasun")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == Ref.entity("siasun")
        await pilot.press("backspace")
        await pilot.pause()
        assert current(app) == Ref.entity("liaoning")


async def test_help_lists_every_key_of_every_part_in_our_words(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        text = visible_text(app)
        for title, lines in sections.items():
            assert title in text
            keys = [key for line in lines for key in line.keys]
            assert len(keys) == len(set(keys)), title
            for line in lines:
                assert line.description in text
        for leaked in ("Cursor Up", "Cursor up", "Scroll Home", "Toggle", "Focus Next", "Select"):
            assert leaked not in text
        moving = (
            "Tree",
            "Figures table",
            "Links",
            "Detail pane",
            "Growth view: changes",
            "Growth view: series",
            "Source view",
            "This help",
        )
        for title in moving:
            bound = {key for line in sections[title] for key in line.keys}
            assert {"j", "k", "g", "G"} <= bound, title
        for title in ("Explorer", "Search", "Growth view", "Source view", "This help"):
            bound = {key for line in sections[title] for key in line.keys}
            assert "tab" in bound and "shift+tab" in bound, title
        for title in ("Search", "Growth view", "Source view", "This help"):
            assert any("escape" in line.keys for line in sections[title]), title
        assert "Copy — Copy the selected figure with its source to the clipboard" in text
        assert "Growth — Every year-on-year change and series side by side" in text
        assert "Open or follow — Open or close a group or entity; on a link, go to" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_enter_on_a_figure_opens_its_source(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"cgip", "enter")
        await pilot.pause()
        table = app.query_one(DetailPane).figure_table
        assert table is not None
        table.focus()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.figure == 1
        assert "Liaoning's push for high-tech industry expansion" in visible_text(app)


async def test_copy_hands_the_figure_and_its_source_to_the_clipboard(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        gdp = default_facts.entity("liaoning").figures[0]
        source = default_facts.sources[gdp.source]
        assert app.clipboard == (
            f"Liaoning: {gdp.metric}: exceed 1.4 tn yuan (H1 2023, ▲ 5.6% y/y)\n"
            f"Source: {source.title}, {source.publisher}, {source.date}"
            + (f", {source.url}" if source.url else "")
            + f"\n“{gdp.quote}”"
        )


async def test_copy_carries_the_doubt(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"cgip", "enter")
        await pilot.pause()
        table = app.query_one(DetailPane).figure_table
        assert table is not None
        doubted = next(i for i, f in enumerate(table.figures) if f.doubt)
        table.move_cursor(row=doubted)
        await pilot.press("y")
        assert "481.5 bn yuan" in app.clipboard
        assert "\nDoubt: " in app.clipboard


async def test_source_view_shows_the_quoted_passage(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        text = visible_text(app)
        gdp = default_facts.entity("liaoning").figures[0]
        assert f"“{gdp.quote}”" in text
        assert "Liaoning's push for high-tech industry expansion" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, SourceScreen)


async def test_growth_view_ranks_within_period_kinds_and_leads_to_entities(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, GrowthScreen)
        groups = ranked(changes(default_facts))
        assert [kind for kind, _ in groups][:2] == ["Year", "Jan–Oct"]
        for _, members in groups:
            percents = [item.percent for item in members]
            assert percents == sorted(percents, reverse=True)
        first = groups[0][1][0]
        assert (first.entity_id, first.percent) == ("port-dalian", 18.7)
        assert "▲ 27.8%" in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, GrowthScreen)
        assert current(app) == Ref.entity(first.entity_id)


async def test_too_small_terminal_says_so(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        text = visible_text(app)
        assert "Terminal 50×12 is too small: needs at least 60×15" in text
        assert "Overview" not in text
        await pilot.resize_terminal(59, 30)
        await pilot.pause()
        assert "Terminal 59×30 is too small: needs at least 60×15" in visible_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "is too small" not in visible_text(app)


async def test_markup_in_names_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text(
        MINIMAL.replace(
            'name = "Liaoning"', 'name = "[b]Liao[/b]\\u001b[31mning [@click=app.quit]x[/]"'
        )
    )
    app = build_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = visible_text(app)
        assert "[b]Liao[/b][31mning [@click=app.quit]x[/]" in text
        assert "\x1b" not in text


@pytest.mark.parametrize("key", ["q"])
async def test_quit(default_facts: FactBase, key: str) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_a_long_name_is_cut_with_an_ellipsis_and_whole_in_the_tooltip() -> None:
    long_name = "Shenyang " + "Very Long Advanced Equipment Manufacturing " * 3 + "Company"
    facts = loads(
        MINIMAL
        + f"""
[[entities]]
id = "long"
kind = "company"
name = "{long_name}"
"""
    )
    app = build_app(facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.explorer.show(Ref.entity("long"))
        await pilot.pause()
        tree = app.query_one(FactTree)
        assert tree.cursor_node is not None
        assert isinstance(tree.cursor_node.data, Item)
        assert tree.cursor_node.data.ref == Ref.entity("long")
        assert tree.max_scroll_x == 0
        await pilot.press("right", "right", "left")
        assert tree.scroll_x == 0
        rows = [tree.render_line(y).text for y in range(tree.size.height)]
        shown = next(row for row in rows if "Shenyang" in row)
        assert shown == "└ Shenyang Very Long Adv…"
        assert str(tree.tooltip) == "Companies 1"
        await pilot.press("down")
        assert str(tree.tooltip) == long_name


@pytest.mark.parametrize(
    ("key", "box", "size"),
    [("question_mark", "#help-box", (80, 24)), ("s", "#source-box", (60, 15))],
)
async def test_help_and_source_views_scroll_with_the_vim_keys(
    default_facts: FactBase, key: str, box: str, size: tuple[int, int]
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        scroll = app.screen.query_one(box)
        assert scroll.max_scroll_y > 2
        await pilot.press("j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("k")
        assert scroll.scroll_y == 1
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0
