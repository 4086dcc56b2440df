"""An OptionList whose page keys never fail on options added since its last layout."""

from __future__ import annotations

from textual.widgets import OptionList


class PagedOptionList(OptionList):
    """Page Up and Page Down before the new options are laid out go to the first or last one.

    Textual 8.2's OptionList looks the highlighted option's line up in a table that is built only
    at the next layout, so a page key pressed in the same frame as `add_options` raised KeyError
    and ended the app (seen by the monkey test; no upstream issue found). Only the public actions
    are overridden, falling back to the public first and last.
    """

    def action_page_down(self) -> None:
        try:
            super().action_page_down()  # type: ignore[no-untyped-call]
        except KeyError:
            self.action_last()

    def action_page_up(self) -> None:
        try:
            super().action_page_up()  # type: ignore[no-untyped-call]
        except KeyError:
            self.action_first()
