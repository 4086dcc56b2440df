"""`r` and --watch: a good edit shows at once, a broken one keeps the last good base on screen."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest

from liaoning_tui.facts import cache, load
from liaoning_tui.facts.cache import cache_dir, entry_for, load_cached
from liaoning_tui.ui.app import build_app
from liaoning_tui.ui.refs import Ref
from tests.conftest import MINIMAL
from tests.screen import record_notices, visible_text

EXTRA = '\n[[entities]]\nid = "shenyang"\nkind = "city"\nname = "Shenyang"\n'


async def test_r_reloads_and_keeps_the_selection(write_facts: Callable[[str], Path]) -> None:
    path = write_facts(MINIMAL)
    app = build_app(load(path), path=path)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.explorer.current == Ref.entity("liaoning")
        path.write_text(MINIMAL.replace("value = 1.4", "value = 1.5") + EXTRA)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == Ref.entity("liaoning")
        text = visible_text(app)
        assert "exceed 1.5 tn yuan" in text
        assert "Cities 1" in text
        assert f"Reloaded {path}." in notices
        assert entry_for(path.read_bytes(), cache_dir()).is_file()


async def test_a_file_put_back_reloads_from_the_cache(
    write_facts: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_facts(MINIMAL)
    load_cached(path)
    app = build_app(load(path), path=path)
    notices = record_notices(app)
    parsed: list[str] = []
    monkeypatch.setattr(cache, "loads", lambda data, name: parsed.append(name))
    loader = importlib.import_module("liaoning_tui.facts.load")
    monkeypatch.setattr(loader, "loads", lambda data, name: parsed.append(name))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert parsed == []
        assert notices == [f"Reloaded {path}."]
        assert "exceed 1.4 tn yuan" in visible_text(app)


async def test_broken_edit_keeps_the_last_good_base(write_facts: Callable[[str], Path]) -> None:
    path = write_facts(MINIMAL)
    app = build_app(load(path), path=path)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        path.write_text(MINIMAL.replace('unit = "yuan"', 'unit = "yaun"'))
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (notice,) = [n for n in notices if n.startswith("Kept")]
        assert notice.splitlines() == [
            f"Kept the last good fact base: {path} has problems.",
            f"{path}:16:8: entities[0].figures[0].unit: unknown unit 'yaun'; did you mean 'yuan'?"
            " (one of 'yuan', 'usd', 'percent', 'km2', 'count', 'teu', 'tonnes', 'vehicles',"
            " 'years', 'days', 'fraction')",
        ]
        assert "exceed 1.4 tn yuan" in visible_text(app)
        assert app.explorer.current == Ref.entity("liaoning")


async def test_watch_notices_a_changed_file(write_facts: Callable[[str], Path]) -> None:
    path = write_facts(MINIMAL)
    app = build_app(load(path), path=path, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        replacement = path.with_suffix(".new")
        replacement.write_text(MINIMAL + EXTRA)
        replacement.replace(path)
        for _ in range(40):
            await pilot.pause(0.1)
            if "Cities 1" in visible_text(app):
                break
        assert "Cities 1" in visible_text(app)


async def test_selection_that_disappears_falls_back(write_facts: Callable[[str], Path]) -> None:
    path = write_facts(MINIMAL + EXTRA)
    app = build_app(load(path), path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.explorer.show(Ref.entity("shenyang"))
        await pilot.pause()
        path.write_text(MINIMAL)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert "Shenyang" not in visible_text(app)
        assert app.explorer.current != Ref.entity("shenyang")
