"""Every screen at terminal sizes from 20x6 to 300x100, and storms of resizes: nothing raises.

Below 60x15 the explorer says the terminal is too small; above it, it lays out. Resizes come from
Pilot in a seeded loop across screens, and as a SIGWINCH storm to the real app on a pty.
"""

from __future__ import annotations

import random

import pytest
from textual.pilot import Pilot

from liaoning_tui.facts import FactBase
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.explorer import MIN_HEIGHT, MIN_WIDTH, ExplorerScreen
from tests.pty_app import PtyApp, needs_pyte

SIZES = [(20, 6), (30, 8), (59, 14), (60, 15), (80, 24), (133, 41), (300, 100)]
VIEWS = ["question_mark", "v", "m", "s", "slash", "ctrl+p"]


async def _visit_every_view(app: LiaoningApp, pilot: Pilot[int]) -> None:
    for key in VIEWS:
        await pilot.press(key)
        assert not isinstance(app.screen, ExplorerScreen), key
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen), key


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_view_at_a_size(size: tuple[int, int], default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.explorer.show(Ref.entity("siasun"))
        await pilot.pause()
        small = size[0] < MIN_WIDTH or size[1] < MIN_HEIGHT
        assert app.explorer.has_class("-too-small") == small
        await _visit_every_view(app, pilot)
        await pilot.press("tab", "down", "enter", "backspace")
        await pilot.pause()
        assert app.is_running


async def test_a_storm_of_resizes_across_screens(default_facts: FactBase) -> None:
    chooser = random.Random(20240601)
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for step in range(80):
            width = chooser.choice([1, 2, 20, 59, 60, 80, chooser.randint(1, 300)])
            height = chooser.choice([1, 2, 6, 14, 15, 24, chooser.randint(1, 100)])
            await pilot.resize_terminal(width, height)
            if step % 10 == 0:
                await pilot.press(chooser.choice([*VIEWS, "escape", "escape", "down", "tab"]))
            if step % 10 == 0:
                await pilot.pause()
        await pilot.resize_terminal(100, 32)
        for _ in range(4):
            await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert not app.explorer.has_class("-too-small")
        app.explorer.show(Ref.entity("liaoning"))
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == Ref.entity("liaoning")


@needs_pyte
def test_a_sigwinch_storm_on_a_real_terminal() -> None:
    chooser = random.Random(1234)
    with PtyApp([], size=(80, 24)) as app:
        assert app.wait_for_text("Liaoning")
        for step in range(200):
            app.resize(chooser.randint(10, 300), chooser.randint(3, 100))
            if step % 20 == 0:
                app.press(chooser.choice(["down", "v", "escape", "question_mark", "escape"]))
            else:
                app.read(0.005)
        app.resize(100, 30)
        app.settle()
        app.press("escape")
        app.settle()
        assert app.alive, app.text
        assert app.wait_for_text("Liaoning")
        assert "Traceback" not in app.text
        assert app.quit() == 0


@needs_pyte
@pytest.mark.parametrize("keys", ["qsk", "q?j", "qvj", "q/x"])
def test_keys_typed_behind_quit_do_not_crash_it(keys: str) -> None:
    with PtyApp([], size=(100, 30)) as app:
        assert app.wait_for_text("Liaoning")
        app.settle()
        app.press(keys)
        assert app.wait_for(lambda: not app.alive, 10)
        app.settle(0.2)
        assert app.process is not None
        assert app.process.wait() == 0
        assert b"Traceback" not in app.output
