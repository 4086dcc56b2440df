"""How the explorer looks: themes, 16 colours, NO_COLOR, and a figure table that fits 80x24.

The colour tests read a real terminal: the app runs on a pty and pyte reads the SGR codes it
writes into each cell's colours.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from rich.style import Style

from liaoning_tui.cli import main
from liaoning_tui.facts import FactBase
from liaoning_tui.theme_names import DEFAULT, names
from liaoning_tui.ui.app import build_app
from liaoning_tui.ui.screens.explorer import ExplorerScreen
from liaoning_tui.ui.themes import themes
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.fact_tree import FactTree
from liaoning_tui.ui.widgets.figure_table import FigureTable
from tests.pty_app import PtyApp, needs_pyte

SIXTEEN = {"TERM": "xterm", "COLORTERM": ""}
ANSI_NAMES = {
    *(f"{bright}{name}" for bright in ("", "bright") for name in ("black", "red", "green")),
    *(f"{bright}{name}" for bright in ("", "bright") for name in ("blue", "magenta", "cyan")),
    "brown",
    "white",
    "brightyellow",
    "brightwhite",
    "default",
}
"""The colours pyte gives a cell for the 16 SGR colours (others come as hex)."""


def rendered_style(table: FigureTable, mark: str) -> Style:
    """The style of `mark` where the table draws it on screen, outside the cursor row."""
    for y in range(table.size.height):
        if y == table.cursor_row + 1:
            continue
        for segment in table.render_line(y):
            if mark in segment.text and segment.style is not None:
                return segment.style
    raise AssertionError(f"{mark} is not drawn")


def test_the_names_are_those_registered_and_the_default_first() -> None:
    assert names() == tuple(theme.name for theme in themes())
    assert names()[0] == DEFAULT == "dark"


def test_an_unknown_theme_is_a_usage_error_naming_the_themes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--theme", "solarized"]) == 2
    error = capsys.readouterr().err
    assert (
        "argument --theme: invalid choice: 'solarized' "
        "(choose from 'dark', 'light', 'high-contrast')"
    ) in error


@pytest.mark.parametrize("name", names())
def test_each_theme_keeps_rises_and_falls_apart_in_16_colours(name: str) -> None:
    from rich.color import Color, ColorSystem

    theme = next(theme for theme in themes() if theme.name == name)
    standard = {
        key: Color.parse(theme.variables[key]).downgrade(ColorSystem.STANDARD).number
        for key in ("rise", "fall", "doubt")
    }
    assert standard["rise"] != standard["fall"]
    assert 8 not in standard.values(), "grey is not a colour for a change or a doubt"


async def test_the_theme_is_chosen_at_start_and_changed_while_running(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts, theme="light")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab")
        assert isinstance(app.screen, ExplorerScreen)
        table = app.query_one(FigureTable)
        assert table.has_focus
        assert app.theme == "light" and not app.current_theme.dark
        await pilot.press("j")
        light = rendered_style(table, "▲")
        assert light.color is not None and light.color.triplet is not None
        assert light.color.triplet.hex.upper() == "#00701A"
        app.theme = "high-contrast"
        await pilot.pause()
        await pilot.pause()
        assert app.theme_variables["rise"] == "#00FF00"
        contrast = rendered_style(table, "▲")
        assert contrast.color is not None and contrast.color.triplet is not None
        assert contrast.color.triplet.hex.upper() == "#00FF00"
        assert table.cursor_row == 1, "a new theme keeps the selected figure"


async def test_the_focused_pane_is_marked_without_colour(
    default_facts: FactBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        tree, detail = app.query_one(FactTree), app.query_one(DetailPane)
        assert (tree.border_title, detail.border_title) == ("▶ Liaoning", "Detail")
        assert (tree.styles.border.top[0], detail.styles.border.top[0]) == ("heavy", "round")
        assert tree.styles.border_title_style.bold
        await pilot.press("tab")
        assert (tree.border_title, detail.border_title) == ("Liaoning", "▶ Detail")
        assert (tree.styles.border.top[0], detail.styles.border.top[0]) == ("round", "heavy")
        await pilot.press("tab")
        assert app.query_one(FigureTable).has_focus
        assert detail.border_title == "▶ Detail"


async def test_the_figure_table_fits_80x24_without_splitting_a_word(
    default_facts: FactBase,
) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"siasun", "enter")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("tab", "tab")
        table = app.query_one(FigureTable)
        assert table.has_focus
        assert [str(column.label) for column in table.columns.values()] == [
            "Metric",
            "Value",
            "Period",
            "Change",
            "Source",
        ]
        assert table.max_scroll_x == 0, "no horizontal scrollbar"
        words = set(" ".join(plain for row in table_rows(table) for plain in row).split())
        shown: list[str] = []
        for _ in range(table.row_count):
            shown += [line for y in range(table.size.height) if (line := table.render_line(y).text)]
            await pilot.press("j")
        drawn = {word for line in shown for word in line.split()}
        for word in drawn:
            whole = word in words or word in {"Metric", "Value", "Period", "Change", "Source"}
            cut = word.endswith("…") and any(w.startswith(word[:-1]) for w in words)
            assert whole or cut, f"{word!r} is part of a word split across lines"
        assert "national-le…" in drawn or "national-level" in drawn
        assert any(re.fullmatch(r"e-wor\w*…", word) for word in drawn), "a short source"


def table_rows(table: FigureTable) -> list[list[str]]:
    return [[cell.plain for cell in table.get_row_at(row)] for row in range(table.row_count)]


@needs_pyte
@pytest.mark.parametrize("theme", names())
def test_16_colours_give_rises_and_falls_their_own_colour_and_no_grey_blocks(theme: str) -> None:
    with PtyApp(["--theme", theme], size=(80, 24), env=SIXTEEN) as app:
        assert app.wait_for_text("Figures (5)")
        app.settle()
        assert not grey_cells(app), "the explorer has grey blocks in 16 colours"
        app.press("tab", "tab")
        app.settle()
        assert not grey_cells(app), "the focused table has grey blocks in 16 colours"
        app.press("v")
        assert app.wait_for_text("ranked within")
        app.settle()
        rises: set[str] = set()
        falls: set[str] = set()
        for _ in range(100):
            rises |= mark_colours(app, "▲")
            falls |= mark_colours(app, "▼")
            if rises and falls:
                break
            app.press("j")
        assert rises and falls
        assert rises <= ANSI_NAMES and falls <= ANSI_NAMES, "not drawn in 16 colours"
        assert rises.isdisjoint(falls), (rises, falls)
        assert not grey_cells(app), "the growth view has grey blocks in 16 colours"


@needs_pyte
def test_no_color_marks_the_focused_pane_with_a_heavy_border_and_a_bold_marked_title() -> None:
    with PtyApp([], size=(80, 24), env={"NO_COLOR": "1"}) as app:
        assert app.wait_for_text("Figures (5)")
        app.settle()
        top = app.screen.display[0]
        assert top.startswith("┏━ ▶ Liaoning ━") and "╭─ Detail ─" in top
        assert all(app.screen.buffer[0][x].bold for x in range(5, 13))
        app.press("tab")
        app.settle()
        top = app.screen.display[0]
        assert top.startswith("╭─ Liaoning ─") and "┏━ ▶ Detail ━" in top


def mark_colours(app: PtyApp, mark: str) -> set[str]:
    """The colours of `mark` on the screen, where it is on the screen's own background (the
    cursor's row gives its text the cursor's colour)."""
    cells = [char for row in app.screen.buffer.values() for char in row.values()]
    background = Counter(char.bg for char in cells).most_common(1)[0][0]
    return {char.fg for char in cells if char.data == mark and char.bg == background}


def grey_cells(app: PtyApp) -> list[tuple[int, int]]:
    """Cells with a grey background (SGR 100), as 16 colours render a dark grey panel."""
    return [
        (y, x)
        for y, row in app.screen.buffer.items()
        for x, char in row.items()
        if char.bg == "brightblack" and not char.reverse
    ]
