"""Series for programs: a list of every series, or one series point by point, as JSON or CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from liaoning_tui.facts.export import dumps, plain_number, source_data
from liaoning_tui.facts.model import Entity, FactBase, Series
from liaoning_tui.facts.series_rows import rows

LIST_COLUMNS = ("id", "entity", "metric", "unit", "scale", "first", "last", "points", "gaps")
POINT_COLUMNS = (
    "period",
    "value",
    "unit",
    "scale",
    "value_base",
    "change_on_previous",
    "change",
    "source",
    "quote",
    "note",
)
"""`change_on_previous` is computed: percent for a level, percentage points for a rate;
`change` is the year-on-year change as published."""


def summary(entity: Entity, series: Series) -> dict[str, Any]:
    """One series in a line: ids, what it measures, first and last period, points and gaps."""
    periods = [point.period for point in series.points]
    return {
        "id": series.id,
        "entity": entity.id,
        "metric": series.metric,
        "unit": series.unit,
        "scale": series.scale,
        "first": periods[0] if periods else "",
        "last": periods[-1] if periods else "",
        "points": len(series.known),
        "gaps": len(series.points) - len(series.known),
    }


def summaries(facts: FactBase, entity_id: str | None = None) -> list[dict[str, Any]]:
    """Every series, or those of one entity, in file order."""
    return [
        summary(entity, series)
        for entity, series in facts.all_series()
        if entity_id is None or entity.id == entity_id
    ]


def point_records(series: Series) -> list[dict[str, Any]]:
    """The points of `series` with their base-unit value and change on the previous point."""
    return [
        {
            "period": row.point.period,
            "value": row.point.value,
            "unit": series.unit,
            "scale": series.scale,
            "value_base": row.base,
            "change_on_previous": row.step,
            "change": row.point.change,
            "source": row.point.source,
            "quote": row.point.quote,
            "note": row.point.note,
        }
        for row in rows(series)
    ]


def series_json(facts: FactBase, entity: Entity, series: Series) -> str:
    """One series with its points and the sources they cite."""
    cited = list(dict.fromkeys(point.source for point in series.points if point.source))
    data = {
        **summary(entity, series),
        "scope": series.scope,
        "confidence": series.confidence,
        "data": point_records(series),
        "sources": [source_data(facts.sources[key]) for key in cited if key in facts.sources],
    }
    return dumps(data)


def _csv(columns: tuple[str, ...], records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(
            plain_number(value) if isinstance(value, float) or value is None else value
            for value in (record[column] for column in columns)
        )
    return out.getvalue()


def series_csv(series: Series) -> str:
    """One series, a row per point, under a header of POINT_COLUMNS."""
    return _csv(POINT_COLUMNS, point_records(series))


def list_csv(records: list[dict[str, Any]]) -> str:
    """Series summaries under a header of LIST_COLUMNS."""
    return _csv(LIST_COLUMNS, records)
