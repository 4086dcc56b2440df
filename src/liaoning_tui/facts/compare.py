"""Which series can share a chart, and their values on one axis of periods in one scale."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from liaoning_tui.facts.display import series_unit
from liaoning_tui.facts.model import Entity, FactBase, Series
from liaoning_tui.facts.periods import PeriodError, parse_period
from liaoning_tui.facts.scales import common_scale, in_scale, to_base


@dataclass(frozen=True, slots=True)
class Line:
    """One series on a shared chart: who it belongs to and its values on the shared axis."""

    entity: Entity
    series: Series
    values: tuple[float | None, ...]
    """One value per period of the axis, in the chart's scale; None where there is no point."""

    @property
    def name(self) -> str:
        """The legend's words: entity and metric."""
        return f"{self.entity.name} · {self.series.metric}"


@dataclass(frozen=True, slots=True)
class Chart:
    """Series of one unit on one axis of periods, read in one scale."""

    periods: tuple[str, ...]
    """Every period any line has a point for, in time order."""
    lines: tuple[Line, ...]
    unit: str
    scale: str
    """The scale every value of `lines` is in."""


def refusal(first: Series, other: Series) -> str | None:
    """Why `other` cannot be drawn on the chart of `first`, or None when it can."""
    if other.unit == first.unit:
        return None
    mine = series_unit(first) or first.unit
    theirs = series_unit(other) or other.unit
    return (
        f"Cannot compare {other.metric} ({theirs}) with {first.metric} ({mine}): "
        "a chart draws one unit only."
    )


def comparable(facts: FactBase, series: Series) -> list[tuple[Entity, Series]]:
    """Every other series of the fact base with the unit of `series`, in file order."""
    return [
        (entity, other)
        for entity, other in facts.all_series()
        if other.id != series.id and refusal(series, other) is None
    ]


def find_series(facts: FactBase, series_id: str) -> tuple[Entity, Series] | None:
    """The series with this id and its entity, or None."""
    for entity, series in facts.all_series():
        if series.id == series_id:
            return entity, series
    return None


def _order(period: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    try:
        span = parse_period(period)
    except PeriodError:
        return (9999, 12, 31), (9999, 12, 31)
    return span.last, span.first


def chart(members: Sequence[tuple[Entity, Series]]) -> Chart:
    """The members on one axis: the union of their periods in time order (by the day each
    period ends), values in one scale: the members' own when they share one, else a power of a
    thousand. All members must share a unit (see `refusal`)."""
    periods = sorted({point.period for _, series in members for point in series.points}, key=_order)
    unit = members[0][1].unit if members else ""
    base = [
        {
            point.period: to_base(point.value, series.scale)
            for point in series.points
            if point.value is not None
        }
        for _, series in members
    ]
    scales = {series.scale for _, series in members}
    if len(scales) == 1:
        scale = scales.pop()
    else:
        scale = common_scale(unit, (value for values in base for value in values.values()))
    lines = tuple(
        Line(
            entity,
            series,
            tuple(
                None if period not in values else in_scale(values[period], scale)
                for period in periods
            ),
        )
        for (entity, series), values in zip(members, base, strict=True)
    )
    return Chart(tuple(periods), lines, unit, scale)
