"""Values of one unit in one scale: base units for programs, a shared scale for reading."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from liaoning_tui.facts.display import figure_value, quantity
from liaoning_tui.facts.model import Figure
from liaoning_tui.facts.vocabulary import SCALES

READING_SCALES: tuple[str, ...] = ("", "thousand", "million", "billion", "trillion")
"""The scales a comparison is read in: powers of a thousand, never 万 or 亿 mixed with them."""

UNSCALED_UNITS = frozenset({"percent", "fraction", "years", "days"})
"""Units whose values are never scaled: a rate or a duration reads as published."""


def multiplier(scale: str) -> float:
    """How many base units one unit of `scale` is: `billion` -> 1e9; an unknown scale is 1."""
    return SCALES.get(scale, (1.0, scale))[0]


def to_base(value: float, scale: str) -> float:
    """`1.65, "亿"` -> `165000000.0`: the value in the unit itself, without a scale word."""
    return value * multiplier(scale)


def common_scale(unit: str, base_values: Iterable[float | None]) -> str:
    """The one scale values of `unit` read best in side by side: the largest power of a thousand
    that keeps the biggest magnitude at 1 or more; "" for rates and durations."""
    if unit in UNSCALED_UNITS:
        return ""
    largest = max((abs(value) for value in base_values if value is not None), default=0.0)
    chosen = ""
    for scale in READING_SCALES:
        if largest >= multiplier(scale):
            chosen = scale
    return chosen


def in_scale(base_value: float, scale: str) -> float:
    """A base-unit value in `scale`, rounded to the precision a reader needs (6 significant
    digits), so `0.355e9` in billions reads `0.355`, not `0.35500000000000004`."""
    value = base_value / multiplier(scale)
    return float(f"{value:.6g}")


def table_scales(figures: Iterable[Figure]) -> dict[str, str]:
    """For each unit whose figures were published in more than one scale, the one scale they
    read in side by side in a table (`亿 t` and `bn t` -> `billion`); units published in one
    scale keep it and are left out."""
    scales: dict[str, set[str]] = {}
    values: dict[str, list[float]] = {}
    for figure in figures:
        if figure.as_published or figure.unit in UNSCALED_UNITS:
            continue
        scales.setdefault(figure.unit, set()).add(figure.scale)
        values.setdefault(figure.unit, []).append(to_base(figure.value, figure.scale))
    return {
        unit: common_scale(unit, values[unit]) for unit, found in scales.items() if len(found) > 1
    }


def table_value(figure: Figure, scales: Mapping[str, str]) -> str:
    """A figure's value for a table: in its unit's shared scale where `table_scales` gave one,
    else as published (see `display.figure_value`)."""
    scale = scales.get(figure.unit)
    if scale is None or figure.as_published or scale == figure.scale:
        return figure_value(figure)
    return quantity(in_scale(to_base(figure.value, figure.scale), scale), figure.unit, scale)
