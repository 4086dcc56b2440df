"""The choropleth: a figure that several mapped cities have, each city shaded by its class."""

from __future__ import annotations

from dataclasses import dataclass

from liaoning_tui.facts.model import FactBase
from liaoning_tui.geo.boundaries import Boundaries
from liaoning_tui.geo.places import city_of

CLASSES = 4


@dataclass(frozen=True, slots=True)
class Shading:
    title: str
    """The metric, period, scale and unit shared by the cities shaded."""
    levels: dict[str, int]
    """Class, 1 (lowest) to CLASSES, of each shaded city's division code."""
    classes: tuple[str, ...]
    """The range of values of each class, lowest first."""


def _number(value: float) -> str:
    return f"{value:,.6g}"


def classify(values: dict[str, float]) -> tuple[dict[str, int], tuple[str, ...]]:
    """Classes of equal count (quantiles) over the values, at most CLASSES of them; equal values
    share a class."""
    ranked = sorted(set(values.values()))
    count = min(CLASSES, len(ranked))
    level_of = {value: 1 + rank * count // len(ranked) for rank, value in enumerate(ranked)}
    labels = []
    for level in range(1, count + 1):
        members = [value for value in ranked if level_of[value] == level]
        low, high = members[0], members[-1]
        labels.append(_number(low) if low == high else f"{_number(low)}–{_number(high)}")
    return {code: level_of[value] for code, value in values.items()}, tuple(labels)


def shadings(facts: FactBase, boundaries: Boundaries) -> list[Shading]:
    """Every figure given for two or more mapped cities in one metric, period, scale and unit,
    the most widely given first."""
    groups: dict[tuple[str, str, str, str], dict[str, float]] = {}
    for entity in facts.by_kind("city"):
        city = city_of(entity, facts, boundaries)
        if city is None:
            continue
        for figure in entity.figures:
            key = (figure.metric, figure.period, figure.scale, figure.unit)
            groups.setdefault(key, {}).setdefault(city.code, figure.value)
    found = []
    for (metric, period, scale, unit), values in groups.items():
        if len(values) < 2:
            continue
        levels, classes = classify(values)
        title = " ".join(
            part for part in (metric, period, f"({scale} {unit})".replace("( ", "(")) if part
        )
        found.append(Shading(title, levels, classes))
    return sorted(found, key=lambda shading: (-len(shading.levels), shading.title))
