"""Textual's command palette, with page keys that never fail on a list still being filled and
no second Enter acting on a palette already closing."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList


class GoToPalette(CommandPalette):
    """Page Up and Page Down pressed as the palette opens, before its list is laid out, raised
    KeyError in Textual 8.2's OptionList and ended the app (found by the monkey test; the same
    bug PagedOptionList works around in our own lists). They fall back to the first or last hit.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _closed_already(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        """Enter reaching the palette after an earlier one chose a command is dropped.

        Textual 8.2 closed the palette again, popping the screen then on top (the view the
        command had just opened) or, with none, ending the app with ScreenStackError, and ran the
        command twice (found by the monkey test: `t`, Enter, Enter in the theme list). Stopping
        the event here, before the palette's own handler, is public API (`prevent_default`).
        """
        if self.app.screen is not self:
            event.stop()
            event.prevent_default()

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
