"""Search as readers write Chinese, in the explorer's `/` and the palette, by key presses."""

from __future__ import annotations

from liaoning_tui.facts import FactBase
from liaoning_tui.ui.app import build_app
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.search import SearchScreen
from tests.screen import visible_text

SIZE = (100, 32)


async def test_slash_finds_pinyin_and_counts_one_hit(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"xinsong")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        text = visible_text(app)
        assert "1 hit" in text
        assert "1 hits" not in text
        assert "Siasun Robot & Automation Co  company  alias: 新松" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("siasun")


async def test_slash_finds_traditional_characters_and_names_the_field(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"瀋陽")
        await pilot.pause()
        text = visible_text(app)
        assert "Shenyang  city  Chinese name: 沈阳" in text
        assert "name_zh" not in text
        assert "4 hits" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("shenyang")


async def test_slash_shows_a_shared_quote_once_with_its_count(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Liaoning has six ports, including Dalian")
        await pilot.pause()
        text = visible_text(app)
        assert text.count("quote: Liaoning has six ports") == 1
        assert "(shared by 8 entities)" in text


async def test_palette_reads_traditional_characters_and_pinyin(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SIZE) as pilot:
        for query, entity_id in (
            ("瀋陽", "shenyang"),
            ("xinsong", "siasun"),
            ("da lian", "dalian"),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause()
            assert app.explorer.current == Ref.entity(entity_id), query
