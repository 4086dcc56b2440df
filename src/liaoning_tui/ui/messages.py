"""Messages the explorer's widgets and screens post to one another."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from liaoning_tui.ui.refs import Ref


@dataclass
class GoTo(Message):
    """Show `ref` and record it in the history: links, search hits and the palette post this."""

    ref: Ref
    figure: int | None = None
    """Index of a figure of the entity to put the cursor on, where one was chosen."""
