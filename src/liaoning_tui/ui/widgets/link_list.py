"""Links of an entity (or the entities citing a source), each one a way to jump."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.widgets.option_list import PagedOptionList


class LinkList(PagedOptionList):
    """Enter (or a click) on a link goes to what it points at."""

    BINDINGS: ClassVar[list[BindingType]] = vim_moves("cursor_down", "cursor_up", "first", "last")

    DEFAULT_CSS = """
    LinkList {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
        &:focus {
            border: none;
            background-tint: $foreground 5%;
        }
    }
    """

    def __init__(self, links: Iterable[tuple[Ref, Text]] = (), *, id: str | None = None) -> None:
        pairs = list(links)
        self.targets = [ref for ref, _ in pairs]
        super().__init__(*(Option(label) for _, label in pairs), id=id)

    def show(self, links: Iterable[tuple[Ref, Text]]) -> None:
        """List these links instead, from the first."""
        pairs = list(links)
        self.targets = [ref for ref, _ in pairs]
        self.clear_options()
        self.add_options([Option(label) for _, label in pairs])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(GoTo(self.targets[event.option_index]))
