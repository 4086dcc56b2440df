"""Every published year-on-year change in a fact base, side by side."""

from __future__ import annotations

from dataclasses import dataclass

from liaoning_tui.facts.model import FactBase, Figure


@dataclass(frozen=True, slots=True)
class Change:
    """One published year-on-year change and where it belongs."""

    entity_id: str
    entity: str
    metric: str
    period: str
    percent: float
    figure: int
    """The index of the figure, among its entity's, that publishes the change."""


def growth_of(figure: Figure) -> float | None:
    """The year-on-year change a figure publishes: its `change`, or its value when it is a rate."""
    if figure.change is not None:
        return figure.change
    if figure.unit == "percent" and "growth" in figure.metric.lower():
        return figure.value
    return None


def changes(facts: FactBase) -> list[Change]:
    """Every published year-on-year change of a figure, largest rise first."""
    found = [
        Change(entity.id, entity.name, figure.metric, figure.period, percent, index)
        for entity in facts.entities.values()
        for index, figure in enumerate(entity.figures)
        if (percent := growth_of(figure)) is not None
    ]
    return sorted(found, key=lambda item: (-item.percent, item.entity, item.metric))
