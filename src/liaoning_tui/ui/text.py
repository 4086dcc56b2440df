"""Text from the fact base, made safe to show: never markup, never control characters."""

from __future__ import annotations

from rich.text import Text

from liaoning_tui.facts.display import clean


def plain(value: str, style: str = "") -> Text:
    """`value` as literal text in `style`: brackets stay brackets, escapes are removed."""
    return Text(clean(value), style=style)
