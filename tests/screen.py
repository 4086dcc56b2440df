"""What the explorer shows, read from its widgets as plain text, for assertions."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable, OptionList, Static, Tree
from textual.widgets.tree import TreeNode

from liaoning_tui.ui.widgets.series_spark import SeriesSparks


def plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    if isinstance(value, str):
        return value
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(value)
    return console.export_text()


def visible_text(app: App[Any]) -> str:
    """The text of every displayed Static, table cell, tree label and option of the top screen."""
    lines: list[str] = []
    for widget in app.screen.query("*"):
        if not all(node.display for node in widget.ancestors_with_self if hasattr(node, "display")):
            continue
        if isinstance(widget, Static):
            lines.append(plain(widget.content))
        elif isinstance(widget, SeriesSparks):
            lines.append(plain(widget.render()))
        elif isinstance(widget, DataTable):
            lines.extend(
                " | ".join(plain(cell) for cell in widget.get_row_at(row))
                for row in range(widget.row_count)
            )
        elif isinstance(widget, Tree):
            lines.extend(_tree_lines(widget.root))
        elif isinstance(widget, OptionList):
            lines.extend(
                plain(widget.get_option_at_index(index).prompt)
                for index in range(widget.option_count)
            )
    return "\n".join(lines)


def _tree_lines(node: TreeNode[object]) -> list[str]:
    out: list[str] = []
    for child in node.children:
        out.append(plain(child.label))
        if child.is_expanded:
            out.extend(_tree_lines(child))
    return out


def record_notices(app: App[Any]) -> list[str]:
    """Every message the app notifies from now on; each is still shown as the app shows it."""
    seen: list[str] = []
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        seen.append(message)
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]
    return seen
