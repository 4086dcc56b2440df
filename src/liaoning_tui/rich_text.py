"""Text from the fact base as Rich Text: never markup, never control characters.

Shared by the explorer and the batch renderer; it needs Rich, never Textual.
"""

from __future__ import annotations

from rich.text import Text

from liaoning_tui.facts.display import clean
from liaoning_tui.facts.model import Series
from liaoning_tui.facts.reading import series_notes as note_lines


def plain(value: str, style: str = "") -> Text:
    """`value` as literal text in `style`: brackets stay brackets, escapes are removed."""
    return Text(clean(value), style=style)


def series_notes(series: Series) -> Text:
    """A series' scope, where it has one, and its confidence, a line each."""
    return Text("\n").join(
        Text.assemble((f"{label}: ", "dim"), text) for label, text in note_lines(series)
    )
