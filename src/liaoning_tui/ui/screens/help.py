"""`?`: every key, part by part, read from the same binding tables the footer shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from liaoning_tui.ui.key_help import KeyLine
from liaoning_tui.ui.keys import RELOAD_IN_VIEW
from liaoning_tui.ui.widgets.scroll_box import ScrollBox


def key_table(title: str, lines: Iterable[KeyLine], display: DOMNode) -> Table:
    """One section of the help: keys, what they do, and the longer tooltip where there is one."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("key", style="bold", no_wrap=True, min_width=12)
    table.add_column("action", ratio=1)
    for line in lines:
        keys = " ".join(display.app.get_key_display(Binding(key, "")) for key in line.keys)
        text = Text(line.description)
        if line.tooltip:
            text.append(f" — {line.tooltip}", style="dim")
        table.add_row(keys, text)
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of every part of the explorer, section by section."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close", id="close", tooltip="Back to the explorer"
        ),
        RELOAD_IN_VIEW,
    ]

    def __init__(self, sections: list[tuple[str, list[KeyLine]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with ScrollBox(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc to close"
            for title, lines in self.sections:
                yield Static(key_table(title, lines, self))
