"""Figures as words: the one place values, units, scales and changes are formatted for reading."""

from __future__ import annotations

import re
import unicodedata

from liaoning_tui.facts.model import Figure, Series
from liaoning_tui.facts.vocabulary import SCALES, UNITS

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text from a fact file made safe to show: control and format characters removed.

    Newlines and tabs become spaces; bidirectional overrides, zero-width characters and escape
    sequences cannot reach the terminal.
    """
    if text.isprintable():
        return text
    text = text.replace("\n", " ").replace("\t", " ")
    text = _CONTROLS.sub("", text)
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def number(value: float) -> str:
    """A number as written for reading: thousands separated, no needless decimals."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def quantity(value: float, unit: str, scale: str = "") -> str:
    """`481.5, "yuan", "billion"` -> `481.5 bn yuan`; `66, "usd", "billion"` -> `$66 bn`."""
    spec = UNITS.get(unit)
    short = SCALES.get(scale, (1.0, scale))[1]
    amount = number(value)
    if spec is None:
        return " ".join(part for part in (amount, short, unit) if part)
    if unit == "percent":
        return f"{amount}%"
    if spec.prefix:
        return " ".join(part for part in (f"{spec.symbol}{amount}", short) if part)
    return " ".join(part for part in (amount, short, spec.symbol) if part)


def figure_value(figure: Figure) -> str:
    """The figure's value for a table cell, with its published words where it has them."""
    if figure.as_published:
        return clean(figure.as_published)
    return quantity(figure.value, figure.unit, figure.scale)


def change(value: float | None) -> str:
    """Year-on-year change with a mark: `▲ 5.6%`, `▼ 2.5%`, `● 0%`; empty when not published."""
    if value is None:
        return ""
    mark = "▲" if value > 0 else "▼" if value < 0 else "●"
    return f"{mark} {number(abs(value))}%"


def direction(value: float | None) -> int:
    """1 for a rise, -1 for a fall, 0 for no change or none published: the colour to give it."""
    if not value:
        return 0
    return 1 if value > 0 else -1


def series_unit(series: Series) -> str:
    """The unit and scale a series is in, for a heading (`bn yuan`, `m TEU`, `%`)."""
    short = SCALES.get(series.scale, (1.0, series.scale))[1]
    spec = UNITS.get(series.unit)
    symbol = spec.symbol if spec else series.unit
    if spec and spec.prefix:
        return f"{symbol} {short}".strip()
    return " ".join(part for part in (short, symbol) if part)
