"""The fact base as JSON, CSV or a Markdown report; JSON reads back into the same fact base.

Every function here returns text and touches no file: the export command writes it.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from liaoning_tui.facts import display
from liaoning_tui.facts.model import Entity, FactBase, Provenance, Series, Source
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.problems import FactBaseError, Problem
from liaoning_tui.facts.reading import FigureReading, read_figure
from liaoning_tui.facts.scales import to_base
from liaoning_tui.facts.schema import TABLES, TOP, Field
from liaoning_tui.facts.vocabulary import GROUPS, KINDS, RELATIONS

JSON_SCHEMA = 1
"""Version of the layout, the same in JSON as in TOML (`schema = 1`); others are refused."""

CSV_COLUMNS: tuple[str, ...] = (
    "entity_id",
    "entity_name",
    "metric",
    "value",
    "unit",
    "scale",
    "period",
    "change",
    "qualifier",
    "source",
    "quote",
    "doubt",
    "series",
    "note",
    "as_published",
    "scope",
    "confidence",
    "value_base",
)
"""One row per figure and per series point; `series` is the series id, empty for a figure.

`doubt` holds only a figure's doubt; `note` a figure's or point's note; `as_published` a figure's
own words ("one-seventh"); `scope` and `confidence` are the series' own, on each of its points;
`value_base` is the value in the unit itself, its scale applied (1.65 亿 t -> 165000000)."""

_T = TypeVar("_T")


def entity_data(entity: Entity) -> dict[str, Any]:
    """An entity as plain JSON-ready data, every field present, keyed as the TOML file keys it."""
    data = dataclasses.asdict(entity)
    data["links"] = [_toml_link(link) for link in data["links"]]
    data["provenance"] = _toml_provenance(entity.provenance)
    return data


def _toml_provenance(provenance: Provenance) -> dict[str, Any]:
    """Where the names come from, as `[entities.provenance]` holds it: aliases as a table."""
    data: dict[str, Any] = {
        key: value
        for key, value in (("name_zh", provenance.name_zh), ("date", provenance.date))
        if value
    }
    if provenance.aliases:
        data["aliases"] = dict(provenance.aliases)
    return data


def _toml_link(link: dict[str, Any]) -> dict[str, Any]:
    """A link keyed as in TOML, `to` for its target; exports of 0.1.0 wrote `target`."""
    return {("to" if key == "target" else key): value for key, value in link.items()}


def source_data(source: Source) -> dict[str, Any]:
    """A source as plain JSON-ready data."""
    return dataclasses.asdict(source)


_INVISIBLE = re.compile(
    "[\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""Characters JSON may carry raw that a terminal would act on or hide: C1 controls, format
characters (bidirectional overrides, zero-width), line and paragraph separators."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def dumps(data: object) -> str:
    """JSON, indented, with Chinese as itself but every invisible or control character escaped."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return _INVISIBLE.sub(_escape, text) + "\n"


def to_json(facts: FactBase) -> str:
    """The whole fact base as JSON, indented; `from_json` reads it back."""
    data = {
        "schema": JSON_SCHEMA,
        "title": facts.title,
        "sources": [source_data(source) for source in facts.sources.values()],
        "entities": [entity_data(entity) for entity in facts.entities.values()],
    }
    return dumps(data)


def from_json(text: str, origin: str = "<json>") -> FactBase:
    """A fact base from the JSON `to_json` writes, checked exactly as a TOML file is.

    The JSON holds every field, empty or not; what TOML would leave out (null, "" and [])
    is left out before checking, so the checker sees what a TOML file of the same base holds.
    Problems name the key path; JSON has no lines to give.
    """
    import json

    from liaoning_tui.facts.check import build

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FactBaseError(
            [Problem(origin, f"invalid JSON: {error.msg}", error.lineno, error.colno)]
        ) from None
    if not isinstance(data, dict):
        raise FactBaseError([Problem(origin, "expected an object")])
    if data.get("schema") != JSON_SCHEMA:
        message = f"schema {data.get('schema')!r} is not supported (this reads {JSON_SCHEMA})"
        raise FactBaseError([Problem(origin, message, path="schema")])
    return build(_as_toml(data), origin, None)


def _as_toml(data: dict[str, Any], spec: Mapping[str, Field] = TOP) -> dict[str, Any]:
    """`data` as a TOML file holds it: optional fields left empty are left out, links keyed `to`.

    Every check then runs on it as on a file; a required field left empty stays, so the checker
    says so.
    """
    out: dict[str, Any] = {}
    for key, value in data.items():
        wanted = spec.get(key)
        if value is None or (value in ("", []) and not (wanted and wanted.required)):
            continue
        inner = TABLES.get(key)
        if inner is not None and isinstance(value, list):
            value = [_as_toml(item, inner) if isinstance(item, dict) else item for item in value]
            if key == "links":
                value = [_toml_link(item) if isinstance(item, dict) else item for item in value]
        out[key] = value
    return out


def plain_number(value: float | None) -> str:
    """A number exactly, for programs: `84`, `1.4`, `-2.5`; empty for None."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def base_number(value: float | None, scale: str) -> str:
    """`value` in base units, exactly as far as a float keeps it: `1.65, "亿"` -> `165000000`."""
    if value is None:
        return ""
    return plain_number(float(f"{to_base(value, scale):.12g}"))


def _csv_rows(facts: FactBase) -> Iterator[tuple[str, ...]]:
    for entity in facts.entities.values():
        for figure in entity.figures:
            yield (
                entity.id,
                entity.name,
                figure.metric,
                plain_number(figure.value),
                figure.unit,
                figure.scale,
                figure.period,
                plain_number(figure.change),
                figure.qualifier,
                figure.source,
                figure.quote,
                figure.doubt,
                "",
                figure.note,
                figure.as_published,
                "",
                "",
                base_number(figure.value, figure.scale),
            )
        for series in entity.series:
            for point in series.points:
                yield (
                    entity.id,
                    entity.name,
                    series.metric,
                    plain_number(point.value),
                    series.unit,
                    series.scale,
                    point.period,
                    plain_number(point.change),
                    "",
                    point.source,
                    point.quote,
                    "",
                    series.id,
                    point.note,
                    "",
                    series.scope,
                    series.confidence,
                    base_number(point.value, series.scale),
                )


def to_csv(facts: FactBase) -> str:
    """Every figure and series point as a CSV row under a header of CSV_COLUMNS."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_rows(facts))
    return out.getvalue()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def md(text: str) -> str:
    """Text from the fact base as inert inline Markdown on one line: markup characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", display.clean(text).strip())


def md_line(text: str) -> str:
    """Like `md`, for the start of a line, where `1.`, `-` or `+` would begin a list."""
    return _BLOCK_START.sub(
        lambda match: f"{match[1]}\\{match[2]}" if match[1] else f"\\{match[3]}", md(text)
    )


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    names = list(header)
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _figure_lines(facts: FactBase, entity: Entity) -> list[str]:
    readings = [read_figure(figure, facts.sources) for figure in entity.figures]
    rows = [
        (
            str(number),
            md(reading.metric),
            md(reading.value) + (f" {reading.doubt_mark}" if reading.doubt else ""),
            md(reading.qualifier),
            md(reading.period),
            reading.change,
            f"`{md(reading.source)}`",
        )
        for number, reading in enumerate(readings, start=1)
    ]
    lines = _table(("#", "Metric", "Value", "Qualifier", "Period", "Change", "Source"), rows)
    lines += [f"{number}. “{md(reading.quote)}”" for number, reading in enumerate(readings, 1)]
    lines.append("")
    for reading in readings:
        lines += _remarks(reading)
    return lines


def _remarks(reading: FigureReading) -> list[str]:
    about = md(reading.metric) + (f", {md(reading.period)}" if reading.period else "")
    lines = []
    if reading.doubt:
        lines += [f"> {reading.doubt_mark} **Doubt on {about}:** {md(reading.doubt)}", ""]
    if reading.note:
        lines += [f"> **Note on {about}:** {md(reading.note)}", ""]
    return lines


def _series_lines(series: Series) -> list[str]:
    unit = display.series_unit(series)
    title = f"#### {md(series.metric)}" + (f" ({md(unit)})" if unit else "")
    lines = [title, ""]
    if series.scope:
        lines += [f"Scope: {md(series.scope)}", ""]
    lines += [f"*Confidence: {md(series.confidence)}*", ""]
    rows = (
        (
            md(describe_period(point.period)),
            "gap" if point.value is None else display.number(point.value),
            display.change(point.change),
            f"`{md(point.source)}`" if point.source else "",
            md(point.note),
        )
        for point in series.points
    )
    return lines + _table(("Period", "Value", "Change", "Source", "Note"), rows)


def _link_lines(facts: FactBase, entity: Entity) -> list[str]:
    def name(entity_id: str) -> str:
        other = facts.entities.get(entity_id)
        return f"{md(other.name)} (`{md(entity_id)}`)" if other else f"`{md(entity_id)}`"

    lines = [
        f"- {RELATIONS[link.rel].label} {name(link.target)}"
        + (f", {md(link.role)}" if link.role else "")
        for link in entity.links
    ]
    lines += [
        f"- {RELATIONS[back.link.rel].inverse}: {name(back.origin)}"
        + (f", {md(back.link.role)}" if back.link.role else "")
        for back in facts.backlinks(entity.id)
    ]
    return ["**Links**", "", *lines, ""] if lines else []


def _entity_lines(facts: FactBase, entity: Entity) -> list[str]:
    heading = md(entity.name) + (f" · {md(entity.name_zh)}" if entity.name_zh else "")
    facts_line = f"*{KINDS[entity.kind].label}* · `{md(entity.id)}`"
    if entity.aliases:
        facts_line += " · also " + ", ".join(md(alias) for alias in entity.aliases)
    if entity.date:
        facts_line += f" · {describe_period(entity.date)}"
    lines = [f"### {heading}", "", facts_line, ""]
    if entity.summary:
        lines += [md_line(entity.summary), ""]
    if entity.figures:
        lines += _figure_lines(facts, entity)
    for series in entity.series:
        lines += _series_lines(series)
    lines += _link_lines(facts, entity)
    if entity.statements:
        lines += ["**Statements**", ""]
        lines += [
            f"- {md_line(statement.text)}"
            + (f" ({describe_period(statement.date)})" if statement.date else "")
            + f" — “{md(statement.quote)}” (`{md(statement.source)}`)"
            for statement in entity.statements
        ]
        lines.append("")
    return lines


def _source_lines(facts: FactBase) -> list[str]:
    rows = (
        (
            f"`{md(source.id)}`",
            md(source.title),
            md(source.publisher),
            md(source.date),
            md(source.kind),
            md(source.url),
            md(source.note),
        )
        for source in facts.sources.values()
    )
    header = ("Id", "Title", "Publisher", "Date", "Kind", "URL", "Note")
    return ["## Sources", "", *_table(header, rows)]


def to_markdown(facts: FactBase) -> str:
    """A readable report: every entity grouped as the explorer's tree, figures with sources."""
    lines = [f"# {md(facts.title)}", ""]
    lines += [
        f"{len(facts.entities)} entities, {facts.figure_count} figures, "
        f"{facts.series_count} series, {len(facts.sources)} sources.",
        "",
    ]
    for group in GROUPS:
        kinds = [kind for kind, spec in KINDS.items() if spec.group == group]
        members = [entity for kind in kinds for entity in facts.by_kind(kind)]
        if not members:
            continue
        lines += [f"## {group}", ""]
        for entity in members:
            lines += _entity_lines(facts, entity)
    lines += _source_lines(facts)
    return "\n".join(lines).rstrip("\n") + "\n"
