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
    """`widths` narrowed until their sum fits in `room`: a cell at a time from the widest of the
    columns in `order` that is above its floor (the first in `order` on a tie), so columns end
    up balanced rather than one of them squeezed to its floor."""
    fitted = list(widths)
    for _ in range(max(0, sum(fitted) - room)):
        open_ = [index for index in order if fitted[index] > floors[index]]
        if not open_:
            break
        widest = max(open_, key=lambda index: (fitted[index], -order.index(index)))
        fitted[widest] -= 1
    return fitted
