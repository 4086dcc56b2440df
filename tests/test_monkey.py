"""3,000 random keys across every screen: nothing raises, and the explorer still answers after.

Keys are drawn by `random.Random(seed)` from a fixed alphabet holding every key the help lists,
the keys of text fields and the palette, and letters. `q` quits from the explorer, so there it
becomes Escape (as `Ctrl+Q`, which quits everywhere, always does), once any screen an earlier key
closed is gone; everywhere else it closes a view, as a user's `q` would. Enter in the palette on its
Quit action becomes Escape too. Each key goes to the app
as the terminal driver sends it, and the next follows once the screen has handled it (Pilot's
`press` also waits for the CPU to idle, 50 ms a key: too slow for 3,000).
"""

from __future__ import annotations

import random

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from liaoning_tui.facts import default_path, load
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.key_help import key_lines
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.explorer import ExplorerScreen
from liaoning_tui.ui.screens.help import HelpScreen
from tests.screen import plain, record_notices

BINDINGS = [
    "question_mark",
    "slash",
    "ctrl+p",
    "v",
    "s",
    "y",
    "r",
    "x",
    "t",
    "n",
    "N",
    "q",
    "ctrl+q",
    "backspace",
    "alt+left",
    "alt+right",
    "j",
    "k",
    "h",
    "l",
    "g",
    "G",
]
MOVES = [
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "tab",
    "shift+tab",
    "escape",
    "enter",
    "space",
    "shift+left",
    "shift+right",
    "shift+up",
    "shift+down",
    "shift+space",
    "ctrl+home",
    "ctrl+end",
]
LETTERS = [*"aeioulnrstdgcmshenyangsiasun", "1", "2", "minus", "full_stop"]
ALPHABET = BINDINGS * 3 + MOVES * 3 + LETTERS
CHARACTERS = {"question_mark": "?", "slash": "/", "space": " ", "minus": "-", "full_stop": "."}
SEEDS = [7, 1009, 2718, 31415, 4242, 99991]
KEYS_PER_SEED = 500
SIZES = [(80, 24), (100, 32), (60, 15), (120, 40), (59, 14), (200, 60)]


async def _type(app: LiaoningApp, pilot: Pilot[int], key: str) -> None:
    """`key` as the driver would send it, then wait until the screen has handled it."""
    char = CHARACTERS.get(key, key if len(key) == 1 else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app.post_message(event)
    await pilot.pause(0)


def _would_quit(app: LiaoningApp) -> bool:
    """Whether Enter would run the palette's Quit: the hit highlighted, or the only one."""
    if not isinstance(app.screen, CommandPalette):
        return False
    hits = app.screen.query(CommandList).first() if app.screen.query(CommandList) else None
    if hits is None:
        return False
    index = hits.highlighted
    if index is None and hits.option_count == 1:
        index = 0
    return index is not None and plain(hits.get_option_at_index(index).prompt).startswith("Quit")


async def _back_to_the_explorer(app: LiaoningApp, pilot: Pilot[int]) -> None:
    for _ in range(8):
        if isinstance(app.screen, ExplorerScreen):
            return
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(app.screen, ExplorerScreen), app.screen


@pytest.mark.parametrize(("seed", "size"), list(zip(SEEDS, SIZES, strict=True)))
async def test_random_keys(seed: int, size: tuple[int, int]) -> None:
    path = default_path()
    app = build_app(load(path), path=path)
    chooser = random.Random(seed)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for count in range(KEYS_PER_SEED):
            key = chooser.choice(ALPHABET)
            if key == "q":
                await pilot.pause()
            if key == "ctrl+q" or (key == "q" and isinstance(app.screen, ExplorerScreen)):
                key = "escape"
            if key == "enter" and _would_quit(app):
                key = "escape"
            await _type(app, pilot, key)
            if count % 100 == 0:
                await pilot.pause()
            assert app.is_running, f"key {count} ({key}) stopped the app"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await _back_to_the_explorer(app, pilot)
        app.explorer.show(Ref.entity("siasun"))
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.current == Ref.entity("siasun")
        await pilot.press("question_mark")
        for _ in range(30):
            if isinstance(app.screen, HelpScreen):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, HelpScreen), app.screen_stack
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
    assert app.return_code in (None, 0)


async def test_the_monkey_presses_every_key_the_help_lists() -> None:
    app = build_app(load(default_path()))
    async with app.run_test():
        listed = {
            key for _, part in app.key_parts() for line in key_lines(*part) for key in line.keys
        }
    assert listed - set(ALPHABET) == set()


async def test_source_view_on_a_group_says_what_to_do() -> None:
    app = build_app(load(default_path()))
    notices = record_notices(app)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.explorer.show(Ref.group("Overview"))
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert notices == ["Move to an entity or source first."]
