"""Labels made without Text(): the same Text, field by field, and the same on screen."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Span, Text

from liaoning_tui.ui import text
from liaoning_tui.ui.text import cleaned_line


def test_the_installed_rich_takes_the_direct_way() -> None:
    assert text.DIRECT


def test_a_direct_label_is_the_text_rich_would_make() -> None:
    spans = [Span(0, 4, "dim"), Span(12, 14, "dim")]
    made = cleaned_line("via Shenyang 沈阳", list(spans))
    expected = Text("via Shenyang 沈阳", spans=list(spans))
    for slot in Text.__slots__:
        assert getattr(made, slot) == getattr(expected, slot), slot
    console = Console(width=40, color_system="truecolor", force_terminal=True)
    with console.capture() as ours:
        console.print(made)
    with console.capture() as theirs:
        console.print(expected)
    assert ours.get() == theirs.get()


def test_a_direct_label_can_be_styled_like_any_other() -> None:
    made = cleaned_line("Siasun 新松", [Span(7, 9, "dim")])
    copy = made.copy()
    copy.stylize("bold")
    assert made.spans == [Span(7, 9, "dim")]
    assert copy.spans == [Span(7, 9, "dim"), Span(0, 9, "bold")]
    assert made.cell_len == 11


def test_without_the_direct_way_labels_come_from_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "DIRECT", False)
    made = cleaned_line("Dalian 大连", [Span(7, 9, "dim")])
    assert made == Text("Dalian 大连", spans=[Span(7, 9, "dim")])
