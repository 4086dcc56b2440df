"""Textual's command palette, with page keys that never fail on a list still being filled."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette


class GoToPalette(CommandPalette):
    """Page Up and Page Down pressed as the palette opens, before its list is laid out, raised
    KeyError in Textual 8.2's OptionList and ended the app (found by the monkey test; the same
    bug PagedOptionList works around in our own lists). They fall back to the first or last hit.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    def action_page(self, step: int) -> None:
        hits = self.query_one(CommandList)
        try:
            if step > 0:
                hits.action_page_down()  # type: ignore[no-untyped-call]
            else:
                hits.action_page_up()  # type: ignore[no-untyped-call]
        except KeyError:
            if step > 0:
                hits.action_last()
            else:
                hits.action_first()
