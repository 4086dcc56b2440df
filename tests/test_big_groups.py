"""A group of thousands opens a page at a time, and every member is still reachable."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaoning_tui.facts import FactBase, load
from liaoning_tui.ui.app import build_app
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.widgets.fact_tree import PAGE, FactTree, Group, More
from tests.screen import plain
from tests.test_bench_smoke import make_facts

COMPANIES = 1_200


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    path: Path = make_facts.write(tmp_path_factory.mktemp("big") / "facts.toml", COMPANIES)
    return load(path)


async def test_a_big_group_opens_on_a_page_and_enter_adds_the_next(big: FactBase) -> None:
    app = build_app(big)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        tree = app.query_one(FactTree)
        app.explorer.show(Ref.group("Companies"))
        await pilot.pause()
        (group,) = [
            n
            for n in tree.root.children
            if isinstance(n.data, Group) and n.data.name == "Companies"
        ]
        group.expand()
        await pilot.pause()
        children = list(group.children)
        assert len(children) == PAGE + 1
        last = children[-1]
        assert isinstance(last.data, More)
        assert plain(last.label) == f"… {COMPANIES - PAGE} more: Enter shows the next {PAGE}"
        tree.move_cursor(last)
        await pilot.pause()
        assert app.explorer.current == Ref.group("Companies")
        await pilot.press("enter")
        await pilot.pause()
        children = list(group.children)
        assert len(children) == 2 * PAGE + 1
        assert (
            plain(children[-1].label)
            == f"… {COMPANIES - 2 * PAGE} more: Enter shows the next {COMPANIES - 2 * PAGE}"
        )
        first_new = children[PAGE]
        assert tree.cursor_node is first_new
        await pilot.press("l")
        assert tree.cursor_node is first_new


async def test_a_go_to_reaches_a_member_past_the_first_pages(big: FactBase) -> None:
    far = [entity.id for entity in big.entities.values() if entity.kind == "company"][-1]
    app = build_app(big)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.explorer.go_to(Ref.entity(far))
        await pilot.pause()
        await pilot.pause()
        tree = app.query_one(FactTree)
        assert app.explorer.current == Ref.entity(far)
        assert tree.cursor_node is not None and tree.place() == Ref.entity(far)
        assert big.entities[far].name in plain(tree.cursor_node.label)
        await pilot.press("backspace")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("liaoning")
