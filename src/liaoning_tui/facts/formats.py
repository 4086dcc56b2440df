"""The formats the fact base exports to, by name: one table for the export command and the
explorer's export dialog."""

from __future__ import annotations

from collections.abc import Callable

from liaoning_tui.facts.export import to_csv, to_json, to_markdown
from liaoning_tui.facts.model import FactBase

FORMATS: dict[str, Callable[[FactBase], str]] = {
    "json": to_json,
    "csv": to_csv,
    "markdown": to_markdown,
}
"""Format name -> the function giving the whole fact base as text in it."""

SUFFIXES = {"json": ".json", "csv": ".csv", "markdown": ".md"}
"""The file name ending each format is usually saved with."""
