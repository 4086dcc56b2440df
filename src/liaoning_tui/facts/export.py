"""The fact base as JSON, CSV or a Markdown report; JSON reads back into the same fact base.

Every function here returns text and touches no file: the export command writes it.
"""

from __future__ import annotations

import dataclasses
import io
import re
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from liaoning_tui.facts import display
from liaoning_tui.facts.model import Entity, FactBase, Figure, Series, Source
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.problems import FactBaseError, Problem
from liaoning_tui.facts.vocabulary import GROUPS, KINDS, RELATIONS

JSON_SCHEMA = 1
"""Version of the JSON layout; from_json refuses others."""

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
)
"""One row per figure and per series point; `series` is the series id, empty for a figure.

`doubt` holds only a figure's doubt; `note` a figure's or point's note; `as_published` a figure's
own words ("one-seventh"); `scope` and `confidence` are the series' own, on each of its points."""

_T = TypeVar("_T")


def entity_data(entity: Entity) -> dict[str, Any]:
    """An entity as plain JSON-ready data, every field present."""
    return dataclasses.asdict(entity)


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


class _Invalid(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _decode_value(hint: Any, value: object, path: str) -> object:
    origin = typing.get_origin(hint)
    if origin is types.UnionType:
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        (hint,) = (option for option in options if option is not type(None))
        origin = typing.get_origin(hint)
    if origin is tuple:
        if not isinstance(value, list):
            raise _Invalid(path, "expected an array")
        item = typing.get_args(hint)[0]
        return tuple(_decode_value(item, part, f"{path}[{i}]") for i, part in enumerate(value))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _decode(hint, value, path)
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Invalid(path, "expected a number")
        return float(value)
    if hint is str and isinstance(value, str):
        return value
    raise _Invalid(path, f"expected {getattr(hint, '__name__', hint)}")


def _decode(cls: type[_T], data: object, path: str) -> _T:
    if not isinstance(data, dict):
        raise _Invalid(path, "expected an object")
    hints = typing.get_type_hints(cls)
    known = {field.name: field for field in dataclasses.fields(cls) if field.init}  # type: ignore[arg-type]
    for key in data:
        if key not in known:
            raise _Invalid(f"{path}.{key}", f"unknown key {key!r}")
    values: dict[str, object] = {}
    for name, field in known.items():
        if name in data:
            values[name] = _decode_value(hints[name], data[name], f"{path}.{name}")
        elif field.default is dataclasses.MISSING:
            raise _Invalid(path, f"missing required key {name!r}")
    return cls(**values)


def from_json(text: str, origin: str = "<json>") -> FactBase:
    """A fact base from the JSON `to_json` writes; FactBaseError says what does not fit."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FactBaseError(
            [Problem(origin, f"invalid JSON: {error.msg}", error.lineno, error.colno)]
        ) from None
    try:
        if not isinstance(data, dict):
            raise _Invalid("", "expected an object")
        if data.get("schema") != JSON_SCHEMA:
            raise _Invalid("schema", f"schema {data.get('schema')!r} is not {JSON_SCHEMA}")
        if not isinstance(data.get("title"), str):
            raise _Invalid("title", "expected a string")
        sources = [
            _decode(Source, raw, f"sources[{i}]") for i, raw in enumerate(_list(data, "sources"))
        ]
        entities = [
            _decode(Entity, raw, f"entities[{i}]") for i, raw in enumerate(_list(data, "entities"))
        ]
    except _Invalid as error:
        raise FactBaseError([Problem(origin, error.message, path=error.path)]) from None
    return FactBase(
        title=data["title"],
        entities={entity.id: entity for entity in entities},
        sources={source.id: source for source in sources},
        origin=origin,
    )


def _list(data: dict[str, Any], key: str) -> list[object]:
    value = data.get(key)
    if not isinstance(value, list):
        raise _Invalid(key, "expected an array")
    return value


def plain_number(value: float | None) -> str:
    """A number exactly, for programs: `84`, `1.4`, `-2.5`; empty for None."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


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


def _figure_lines(entity: Entity) -> list[str]:
    rows = [
        (
            str(number),
            md(figure.metric),
            md(display.figure_value(figure)) + (" ⚠" if figure.doubt else ""),
            md(figure.qualifier),
            md(describe_period(figure.period)),
            display.change(figure.change),
            f"`{md(figure.source)}`",
        )
        for number, figure in enumerate(entity.figures, start=1)
    ]
    lines = _table(("#", "Metric", "Value", "Qualifier", "Period", "Change", "Source"), rows)
    lines += [f"{number}. “{md(figure.quote)}”" for number, figure in enumerate(entity.figures, 1)]
    lines.append("")
    for figure in entity.figures:
        lines += _remarks(figure)
    return lines


def _remarks(figure: Figure) -> list[str]:
    about = md(figure.metric) + (f", {md(describe_period(figure.period))}" if figure.period else "")
    lines = []
    if figure.doubt:
        lines += [f"> ⚠ **Doubt on {about}:** {md(figure.doubt)}", ""]
    if figure.note:
        lines += [f"> **Note on {about}:** {md(figure.note)}", ""]
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
        lines += _figure_lines(entity)
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
