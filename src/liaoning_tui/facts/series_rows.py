"""A series point by point, as a table reads it: value, change on the previous point, source."""

from __future__ import annotations

from dataclasses import dataclass

from liaoning_tui.facts.display import change, clean, number, quantity
from liaoning_tui.facts.model import FactBase, Point, Series
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.scales import to_base


@dataclass(frozen=True, slots=True)
class Row:
    """One point of a series with what a reader needs beside it."""

    point: Point
    """The point as the fact base holds it."""
    step: float | None
    """Change on the previous point: percent for levels, percentage points for rates; None
    when either point is a gap or the previous value is zero."""
    base: float | None
    """The value in base units (no scale word), None for a gap."""


def steps(series: Series) -> list[float | None]:
    """Change of each point on the one before it; the first point and gaps have none.

    A rate (percent) changes by the difference in points; a level by the relative change in
    percent. A point after a gap has no change: the gap is never bridged.
    """
    out: list[float | None] = []
    previous: float | None = None
    for point in series.points:
        value = point.value
        if value is None or previous is None:
            out.append(None)
        elif series.unit == "percent":
            out.append(round(value - previous, 6))
        elif previous == 0:
            out.append(None)
        else:
            out.append(round((value - previous) / abs(previous) * 100, 6))
        previous = value
    return out


def rows(series: Series) -> list[Row]:
    """Every point of `series`, gaps included, with its step and its base-unit value."""
    return [
        Row(point, step, None if point.value is None else to_base(point.value, series.scale))
        for point, step in zip(series.points, steps(series), strict=True)
    ]


def step_text(series: Series, step: float | None) -> str:
    """A step for reading: `▼ 11.3%` for a level, `▲ 1.2 pp` for a rate; empty for none."""
    if step is None:
        return ""
    if series.unit == "percent":
        mark = "▲" if step > 0 else "▼" if step < 0 else "●"
        return f"{mark} {number(round(abs(step), 2))} pp"
    return change(round(step, 1))


def point_value(series: Series, point: Point) -> str:
    """A point's value as published, with unit and scale; `—` for a gap."""
    if point.value is None:
        return "—"
    return quantity(point.value, series.unit, series.scale)


def source_name(facts: FactBase, source_id: str) -> str:
    """A source's short name for a table cell: its publisher, or its title when it has none."""
    source = facts.sources.get(source_id)
    if source is None:
        return source_id
    return source.publisher or source.title


def source_full(facts: FactBase, source_id: str) -> str:
    """A source in one line, as pasted under a copied value: title, publisher, date, address."""
    source = facts.sources.get(source_id)
    if source is None:
        return source_id
    return ", ".join(
        part for part in (source.title, source.publisher, source.date, source.url) if part
    )


def point_copy(facts: FactBase, entity_name: str, series: Series, point: Point) -> str:
    """A point with its source line, as pasted into a note: the same shape as a copied figure."""
    head = (
        f"{entity_name}: {series.metric}: {point_value(series, point)} "
        f"({describe_period(point.period)})"
    )
    lines = [head]
    if point.source:
        lines.append(f"Source: {source_full(facts, point.source)}")
    if point.quote:
        lines.append(f"“{point.quote}”")
    if point.note:
        lines.append(f"Note: {point.note}")
    return "\n".join(clean(line) for line in lines)
