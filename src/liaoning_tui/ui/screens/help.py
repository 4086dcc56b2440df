"""`?`: every key, read from the same binding tables the footer shows."""

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

from liaoning_tui.ui.keys import RELOAD_IN_VIEW
from liaoning_tui.ui.widgets.scroll_box import ScrollBox


def binding_table(title: str, bindings: Iterable[Binding], display: DOMNode) -> Table:
    """One section of the help: key, what it does, and the longer tooltip where there is one."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("key", style="bold", no_wrap=True, min_width=12)
    table.add_column("action", ratio=1)
    seen: set[str] = set()
    for binding in bindings:
        if binding.action in seen or not binding.description:
            continue
        seen.add(binding.action)
        keys = " ".join(
            display.app.get_key_display(Binding(key, "")) for key in binding.key.split(",")
        )
        text = Text(binding.description)
        if binding.tooltip:
            text.append(f" — {binding.tooltip}", style="dim")
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

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with ScrollBox(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc to close"
            for title, bindings in self.sections:
                yield Static(binding_table(title, bindings, self))
