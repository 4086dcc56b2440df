"""A scrolling pane of text that the vim keys move like every list, table and tree."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.containers import VerticalScroll

from liaoning_tui.ui.keys import vim_moves


class ScrollBox(VerticalScroll):
    """`j`/`k` scroll a line, `g`/`G` to the top and bottom, as arrows and Home/End do."""

    BINDINGS: ClassVar[list[BindingType]] = vim_moves(
        "scroll_down", "scroll_up", "scroll_home", "scroll_end"
    )
