"""Fitting table columns into a width without splitting words.

A column narrows no further than its longest word where there is room; past that, a cell whose
Text has `overflow="ellipsis"` cuts a longer word with "…" instead of breaking it across lines
("national-lev|el").
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text


def longest_word(text: Text) -> int:
    """The width of the widest word of `text`."""
    return max((cell_len(word) for word in text.plain.split()), default=0)


def shrink(
    widths: Sequence[int], floors: Sequence[int], room: int, order: Sequence[int]
) -> list[int]:
    """`widths` narrowed, column by column in `order`, down to each column's floor, until their
    sum fits in `room` (or every column in `order` is at its floor)."""
    fitted = list(widths)
    for index in order:
        excess = sum(fitted) - room
        if excess <= 0:
            break
        fitted[index] = max(min(floors[index], fitted[index]), fitted[index] - excess)
    return fitted
