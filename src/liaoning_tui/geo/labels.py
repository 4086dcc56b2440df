"""Where each city's name goes: near its point, clear of markers and of other names."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from liaoning_tui.geo.boundaries import City
from liaoning_tui.geo.raster import Frame

LABEL_ROWS = (1, -1, 2, -2)
"""Rows below and above a city's point where its name may go, tried in this order."""


def width(text: str) -> int:
    """Terminal cells `text` takes: two for wide (CJK) characters."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    column: int
    row: int


def labels(cities: Sequence[City], frame: Frame, taken: Iterable[tuple[int, int]]) -> list[Label]:
    """A label per city where one fits: "English 中文" where there is room, else the English
    name; a blank cell either side of it, and no cell of `taken` (the markers) under it."""
    used = set(taken)
    found: list[Label] = []
    for city in cities:
        column, row = frame.cell(city.centroid)
        for text in (f"{city.name} {city.name_zh}", city.name):
            wide = width(text)
            left = min(max(column - wide // 2, 0), frame.columns - wide)
            rows = [row + shift for shift in LABEL_ROWS if 0 <= row + shift < frame.rows]
            free = [
                candidate
                for candidate in rows
                if left >= 0
                and not any((x, candidate) in used for x in range(left - 1, left + wide + 1))
            ]
            if free:
                found.append(Label(text, left, free[0]))
                used.update((x, free[0]) for x in range(left, left + wide))
                break
    return found
