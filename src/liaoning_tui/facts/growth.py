"""Published year-on-year changes, ranked only against changes over the same kind of period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from liaoning_tui.facts.model import FactBase, Figure
from liaoning_tui.facts.periods import describe_period

_YEAR = re.compile(r"\b\d{4}\b")


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


def period_kind(period: str) -> str:
    """What a period spans, without its year: `2023` -> `Year`, `2023-H1` -> `H1`,
    `2023-01..2023-07` -> `Jan–Jul`; a period not given reads `Period not given`."""
    if not period:
        return "Period not given"
    words = " ".join(_YEAR.sub("", describe_period(period)).split())
    return words or "Year"


def ranked(found: list[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped by period kind, largest rise first within a group; whole years first,
    then the groups with most changes. Only changes of one group are comparable."""
    groups: dict[str, list[Change]] = {}
    for item in found:
        groups.setdefault(period_kind(item.period), []).append(item)
    for members in groups.values():
        members.sort(key=lambda item: (-item.percent, item.entity, item.metric))
    return sorted(groups.items(), key=lambda group: (group[0] != "Year", -len(group[1]), group[0]))
