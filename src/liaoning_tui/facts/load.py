"""TOML -> FactBase, checking everything and reporting every problem with its line and column."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path as FilePath
from typing import Any

from liaoning_tui.facts.locate import Positions, locate
from liaoning_tui.facts.model import (
    Entity,
    FactBase,
    Figure,
    Link,
    Point,
    Series,
    Source,
    Statement,
)
from liaoning_tui.facts.periods import PeriodError, Span, parse_date, parse_period
from liaoning_tui.facts.problems import FactBaseError, Path, Problem, format_path
from liaoning_tui.facts.vocabulary import (
    KINDS,
    QUALIFIERS,
    RELATIONS,
    SCALES,
    SOURCE_KINDS,
    UNITS,
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused before parsing: no fact base of this product comes near it."""
MAX_ITEMS = 5_000_000
"""Files with more keys, tables and array items than this are refused before parsing.

Counted from the text (every `=`, `[`, `{` and `,`), so it is quick and errs on the high side. The
default base has about 3,400; 100,000 synthetic companies (63 MB) about 4.2 million.
"""
MAX_BRACKETS = 1_000_000
"""Files with more `[` than this are refused before parsing: tables cost tomli most (7 us and
900 bytes each), so a file of a million tiny tables is refused instead of taking a minute."""
MAX_PROBLEMS = 1000
"""Checking stops at this many problems: plenty to fix first, and a broken big file answers fast."""
SUGGESTION_BUDGET = 200_000
"""Comparisons spent guessing "did you mean" for unknown ids before giving up on guesses."""


@dataclass(frozen=True, slots=True)
class _Field:
    kind: str
    required: bool = False


_TOP = {
    "title": _Field("str", True),
    "schema": _Field("int"),
    "sources": _Field("tables", True),
    "entities": _Field("tables", True),
}
_SOURCE = {
    "id": _Field("str", True),
    "title": _Field("str", True),
    "publisher": _Field("str"),
    "date": _Field("str"),
    "url": _Field("str"),
    "kind": _Field("str"),
    "note": _Field("str"),
}
_ENTITY = {
    "id": _Field("str", True),
    "kind": _Field("str", True),
    "name": _Field("str", True),
    "summary": _Field("str"),
    "name_zh": _Field("str"),
    "aliases": _Field("strs"),
    "date": _Field("str"),
    "figures": _Field("tables"),
    "series": _Field("tables"),
    "links": _Field("tables"),
    "statements": _Field("tables"),
}
_FIGURE = {
    "metric": _Field("str", True),
    "value": _Field("number", True),
    "unit": _Field("str", True),
    "source": _Field("str", True),
    "quote": _Field("str", True),
    "scale": _Field("str"),
    "period": _Field("str"),
    "qualifier": _Field("str"),
    "change": _Field("number"),
    "as_published": _Field("str"),
    "doubt": _Field("str"),
    "note": _Field("str"),
}
_SERIES = {
    "id": _Field("str", True),
    "metric": _Field("str", True),
    "unit": _Field("str", True),
    "points": _Field("tables", True),
    "confidence": _Field("str", True),
    "scale": _Field("str"),
    "scope": _Field("str"),
}
_POINT = {
    "period": _Field("str", True),
    "value": _Field("number"),
    "source": _Field("str"),
    "quote": _Field("str"),
    "change": _Field("number"),
    "note": _Field("str"),
}
_LINK = {
    "rel": _Field("str", True),
    "to": _Field("str", True),
    "role": _Field("str"),
    "source": _Field("str"),
    "quote": _Field("str"),
}
_STATEMENT = {
    "text": _Field("str", True),
    "source": _Field("str", True),
    "quote": _Field("str", True),
    "date": _Field("str"),
}

_TYPE_NAMES = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "strs": "an array of strings",
    "tables": "an array of tables",
}


def _required(spec: Mapping[str, _Field]) -> set[str]:
    return {key for key, wanted in spec.items() if wanted.required}


def _tables(value: object) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _fits(kind: str, value: object) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "strs":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _suggest(word: str, choices: Any) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Guesses:
    """`_suggest` among many ids, once per word and within a budget of comparisons.

    Every dangling reference compared with every id is quadratic: when a rename breaks the links
    of a base of thousands of entities, that is minutes of difflib. Past the budget, the problems
    still come, without a guess.
    """

    def __init__(self, choices: Sequence[str] | Mapping[str, Any]) -> None:
        self.choices = list(choices)
        self.left = SUGGESTION_BUDGET
        self.known: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        if word not in self.known:
            self.left -= len(self.choices)
            self.known[word] = _suggest(word, self.choices) if self.left >= 0 else ""
        return self.known[word]


class _TooMany(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(len(problems))
        self.problems = problems


@dataclass
class _Checker:
    file: str
    document: str
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def positions(self) -> Positions:
        """Where every key and value stands: walked only once a problem needs a line."""
        return locate(self.document)

    def at_key(self, path: Path, message: str) -> None:
        line, column = self.positions.of_key(path)
        self.add(Problem(self.file, message, line, column, format_path(path)))

    def at_value(self, path: Path, message: str) -> None:
        line, column = self.positions.of_value(path)
        self.add(Problem(self.file, message, line, column, format_path(path)))

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany(self.problems)

    def table(
        self, raw: Mapping[str, Any], path: Path, spec: Mapping[str, _Field]
    ) -> dict[str, Any]:
        """The keys of `raw` that fit `spec`; a problem for each one that does not."""
        good: dict[str, Any] = {}
        for key, value in raw.items():
            here = (*path, key)
            wanted = spec.get(key)
            if wanted is None:
                self.at_key(here, f"unknown key {key!r}{_suggest(key, spec)}")
            elif not _fits(wanted.kind, value):
                self.at_value(here, f"expected {_TYPE_NAMES[wanted.kind]}, found {_type_of(value)}")
            elif wanted.kind == "number" and not math.isfinite(value):
                self.at_value(here, f"{key} must be a finite number, found {value}")
            else:
                good[key] = float(value) if wanted.kind == "number" else value
        for key, wanted in spec.items():
            if wanted.required and key not in raw:
                self.at_key(path, f"missing required key {key!r}")
        return good

    def choice(self, value: str, path: Path, allowed: Any, what: str) -> bool:
        if value in allowed:
            return True
        listing = ", ".join(repr(item) for item in allowed if item)
        self.at_value(
            path, f"unknown {what} {value!r}{_suggest(value, allowed)} (one of {listing})"
        )
        return False

    def text(self, value: str, path: Path) -> None:
        if not value.strip():
            self.at_value(path, "must not be empty")

    def period(self, value: str, path: Path, parse: Callable[[str], object]) -> None:
        try:
            parse(value)
        except PeriodError as error:
            self.at_value(path, str(error))


class _Builder:
    def __init__(self, checker: _Checker) -> None:
        self.check = checker
        self.source_refs: list[tuple[str, Path]] = []
        self.entity_refs: list[tuple[str, Path]] = []

    def source(self, raw: Mapping[str, Any], path: Path) -> Source | None:
        good = self.check.table(raw, path, _SOURCE)
        if "kind" in good:
            self.check.choice(good["kind"], (*path, "kind"), sorted(SOURCE_KINDS), "source kind")
        if "date" in good:
            self.check.period(good["date"], (*path, "date"), parse_date)
        if "title" in good:
            self.check.text(good["title"], (*path, "title"))
        if not {"id", "title"} <= good.keys():
            return None
        return Source(**good)

    def entity(self, raw: Mapping[str, Any], path: Path) -> Entity | None:
        good = self.check.table(raw, path, _ENTITY)
        if "kind" in good:
            self.check.choice(good["kind"], (*path, "kind"), list(KINDS), "kind")
        if "name" in good:
            self.check.text(good["name"], (*path, "name"))
        if "date" in good:
            self.check.period(good["date"], (*path, "date"), parse_date)
        parts = {
            "figures": self.many(good, path, "figures", self.figure),
            "series": self.many(good, path, "series", self.series),
            "links": self.many(good, path, "links", self.link),
            "statements": self.many(good, path, "statements", self.statement),
        }
        if not {"id", "kind", "name"} <= good.keys():
            return None
        good["aliases"] = tuple(good.get("aliases", ()))
        return Entity(**{**good, **parts})

    def many(
        self,
        good: Mapping[str, Any],
        path: Path,
        key: str,
        build: Callable[[Mapping[str, Any], Path], Any],
    ) -> tuple[Any, ...]:
        built = (build(raw, (*path, key, index)) for index, raw in enumerate(good.get(key, ())))
        return tuple(item for item in built if item is not None)

    def cite(self, good: Mapping[str, Any], path: Path) -> None:
        if "source" in good:
            self.source_refs.append((good["source"], (*path, "source")))
        if "quote" in good:
            self.check.text(good["quote"], (*path, "quote"))

    def measure(self, good: dict[str, Any], path: Path) -> None:
        if "unit" in good:
            self.check.choice(good["unit"], (*path, "unit"), list(UNITS), "unit")
        if "scale" in good:
            self.check.choice(good["scale"], (*path, "scale"), list(SCALES), "scale")

    def figure(self, raw: Mapping[str, Any], path: Path) -> Figure | None:
        good = self.check.table(raw, path, _FIGURE)
        self.measure(good, path)
        self.cite(good, path)
        if "period" in good:
            self.check.period(good["period"], (*path, "period"), parse_period)
        if "qualifier" in good:
            self.check.choice(
                good["qualifier"], (*path, "qualifier"), sorted(QUALIFIERS), "qualifier"
            )
        unit = UNITS.get(good.get("unit", ""))
        if unit and unit.nonnegative and good.get("value", 0) < 0:
            self.check.at_value((*path, "value"), f"a value in {good['unit']} cannot be negative")
        if not _required(_FIGURE) <= good.keys():
            return None
        return Figure(**good)

    def series(self, raw: Mapping[str, Any], path: Path) -> Series | None:
        good = self.check.table(raw, path, _SERIES)
        self.measure(good, path)
        if "confidence" in good:
            self.check.text(good["confidence"], (*path, "confidence"))
        unit = UNITS.get(good.get("unit", ""))
        points: list[Point] = []
        previous: tuple[Span, str] | None = None
        for index, raw_point in enumerate(good.get("points", ())):
            point_path = (*path, "points", index)
            point_good = self.check.table(raw_point, point_path, _POINT)
            self.cite(point_good, point_path)
            if "period" not in point_good:
                continue
            try:
                span = parse_period(point_good["period"])
            except PeriodError as error:
                self.check.at_value((*point_path, "period"), str(error))
                continue
            if previous is not None:
                self.order(previous, (span, point_good["period"]), (*point_path, "period"))
            previous = (span, point_good["period"])
            value = point_good.get("value")
            if value is not None and "source" not in point_good:
                self.check.at_key(point_path, "a point with a value needs a 'source'")
            if value is not None and unit and unit.nonnegative and value < 0:
                self.check.at_value(
                    (*point_path, "value"), f"a value in {good['unit']} cannot be negative"
                )
            points.append(Point(**point_good))
        if "points" in good and not good["points"]:
            self.check.at_value((*path, "points"), "a series needs at least one point")
        if not _required(_SERIES) <= good.keys():
            return None
        return Series(**{**good, "points": tuple(points)})

    def order(self, before: tuple[Span, str], after: tuple[Span, str], path: Path) -> None:
        """Points of a series follow one another in time and do not overlap."""
        if after[0].first <= before[0].first:
            self.check.at_value(path, f"period {after[1]!r} does not come after {before[1]!r}")
        elif after[0].first <= before[0].last:
            self.check.at_value(path, f"period {after[1]!r} overlaps {before[1]!r}")

    def link(self, raw: Mapping[str, Any], path: Path) -> Link | None:
        good = self.check.table(raw, path, _LINK)
        if "rel" in good:
            self.check.choice(good["rel"], (*path, "rel"), list(RELATIONS), "relation")
        if "to" in good:
            self.entity_refs.append((good["to"], (*path, "to")))
        self.cite(good, path)
        if not {"rel", "to"} <= good.keys():
            return None
        target = good.pop("to")
        return Link(target=target, **good)

    def statement(self, raw: Mapping[str, Any], path: Path) -> Statement | None:
        good = self.check.table(raw, path, _STATEMENT)
        self.cite(good, path)
        if "text" in good:
            self.check.text(good["text"], (*path, "text"))
        if "date" in good:
            self.check.period(good["date"], (*path, "date"), parse_date)
        if not {"text", "source", "quote"} <= good.keys():
            return None
        return Statement(**good)


def _unique(check: _Checker, items: Sequence[tuple[str, Path]], what: str) -> dict[str, Path]:
    seen: dict[str, Path] = {}
    for item_id, path in items:
        if not SLUG.fullmatch(item_id):
            check.at_value(
                path, f"malformed id {item_id!r}: use lower-case letters, digits and single hyphens"
            )
        if item_id in seen:
            line, _ = check.positions.of_value(seen[item_id])
            check.at_value(path, f"duplicate {what} id {item_id!r} (first at line {line})")
        else:
            seen[item_id] = path
    return seen


def _build(data: Mapping[str, Any], file: str, text: str) -> FactBase:
    check = _Checker(file, text)
    top = check.table(data, (), _TOP)
    if "schema" in top and top["schema"] != 1:
        check.at_value(("schema",), f"schema {top['schema']} is not supported (this reads 1)")
    builder = _Builder(check)
    sources = [
        source
        for index, raw in enumerate(top.get("sources", ()))
        if (source := builder.source(raw, ("sources", index))) is not None
    ]
    entities = [
        entity
        for index, raw in enumerate(top.get("entities", ()))
        if (entity := builder.entity(raw, ("entities", index))) is not None
    ]
    raw_entities = top.get("entities", ())
    if "entities" in top and not raw_entities:
        check.at_value(("entities",), "a fact base needs at least one entity")
    source_ids = _unique(
        check,
        [
            (raw["id"], ("sources", index, "id"))
            for index, raw in enumerate(top.get("sources", ()))
            if isinstance(raw.get("id"), str)
        ],
        "source",
    )
    entity_ids = _unique(
        check,
        [
            (raw["id"], ("entities", index, "id"))
            for index, raw in enumerate(raw_entities)
            if isinstance(raw.get("id"), str)
        ],
        "entity",
    )
    series_ids: list[tuple[str, Path]] = [
        (series["id"], ("entities", index, "series", series_index, "id"))
        for index, raw in enumerate(raw_entities)
        for series_index, series in enumerate(_tables(raw.get("series")))
        if isinstance(series.get("id"), str)
    ]
    _unique(check, series_ids, "series")
    guess_source = _Guesses(source_ids)
    for ref, path in builder.source_refs:
        if ref not in source_ids:
            check.at_value(path, f"no source with id {ref!r}{guess_source(ref)}")
    guess_entity = _Guesses(entity_ids)
    for ref, path in builder.entity_refs:
        if ref not in entity_ids:
            check.at_value(path, f"no entity with id {ref!r}{guess_entity(ref)}")
    if check.problems:
        ordered = sorted(check.problems, key=lambda problem: (problem.line, problem.column))
        raise FactBaseError(ordered)
    return FactBase(
        title=top["title"],
        entities={entity.id: entity for entity in entities},
        sources={source.id: source for source in sources},
        origin=file,
    )


_NESTING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}.\n]')
_KEY_PARTS = 900
_BRACKETS = 400


def _deepest(text: str) -> tuple[int, int]:
    """Where nesting goes too deep: a key of too many parts, or brackets nested past tomli's limit.

    tomli says only that nesting went too deep, not where; strings and comments are skipped so
    that brackets and dots in them do not count.
    """
    depth = deepest = dots = 0
    line, line_start = 1, 0
    found = (1, 1)
    for token in _NESTING.finditer(text):
        char = token.group()
        if char == "\n":
            line, line_start, dots = line + 1, token.end(), 0
        elif char == ".":
            dots += 1
            if dots == _KEY_PARTS:
                return line, token.start() - line_start + 1
        elif char in "[{":
            depth += 1
            if depth > _BRACKETS:
                return line, token.start() - line_start + 1
            if depth > deepest:
                deepest, found = depth, (line, token.start() - line_start + 1)
        elif char in "]}":
            depth = max(0, depth - 1)
    return found


def _decode_problem(file: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    before = data[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    byte = data[error.start]
    return Problem(
        file, f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8", line, column
    )


def _too_large(file: str, size: int) -> FactBaseError:
    limit = MAX_BYTES // 2**20
    message = f"is {size / 2**20:.0f} MiB; fact bases over {limit} MiB are refused"
    return FactBaseError([Problem(file, message)])


def loads(data: bytes | str, file: str = "<string>") -> FactBase:
    """Parse and check a fact base; FactBaseError lists every problem found."""
    if len(data) > MAX_BYTES:
        raise _too_large(file, len(data))
    if isinstance(data, bytes):
        if b"\0" in data[:8192]:
            raise FactBaseError([Problem(file, "a binary file, not a TOML fact base")])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise FactBaseError([_decode_problem(file, data, error)]) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FactBaseError(
            [Problem(file, "the file is empty; a fact base needs a title, sources and entities")]
        )
    brackets = text.count("[")
    items = brackets + sum(text.count(mark) for mark in "={,")
    if brackets > MAX_BRACKETS or items > MAX_ITEMS:
        message = (
            f"has about {brackets:,} tables and arrays and {items:,} items in all; "
            f"fact bases over {MAX_BRACKETS:,} or {MAX_ITEMS:,} are refused"
        )
        raise FactBaseError([Problem(file, message)])
    import tomli

    try:
        parsed = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = getattr(error, "msg", str(error))
        line = getattr(error, "lineno", 0) or 0
        column = getattr(error, "colno", 0) or 0
        raise FactBaseError([Problem(file, f"invalid TOML: {message}", line, column)]) from None
    except RecursionError:
        line, column = _deepest(text)
        message = "invalid TOML: arrays, inline tables or dotted keys nested too deeply"
        raise FactBaseError([Problem(file, message, line, column)]) from None
    try:
        return _build(parsed, file, text)
    except _TooMany as stopped:
        ordered = sorted(stopped.problems, key=lambda problem: (problem.line, problem.column))
        message = f"checking stopped after {MAX_PROBLEMS:,} problems; fix these and check again"
        raise FactBaseError([*ordered, Problem(file, message)]) from None


def read_bytes(path: FilePath, name: str | None = None) -> bytes:
    """The file's bytes, or a FactBaseError saying plainly why they cannot be had."""
    shown = name or str(path)
    try:
        if path.is_dir():
            raise FactBaseError([Problem(shown, "is a directory, not a fact base file")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(shown, size)
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _too_large(shown, len(data))
        return data
    except FileNotFoundError:
        raise FactBaseError([Problem(shown, "no such file")]) from None
    except PermissionError:
        raise FactBaseError(
            [Problem(shown, "permission denied: the file cannot be read")]
        ) from None
    except OSError as error:
        raise FactBaseError(
            [Problem(shown, f"cannot be read: {error.strerror or error}")]
        ) from None


def load(path: str | FilePath) -> FactBase:
    """Read and check the fact base at `path`."""
    return loads(read_bytes(FilePath(path), str(path)), str(path))


DEFAULT_NAME = "facts.toml"


def default_path() -> FilePath:
    """The built-in fact base: inside the installed package, or `data/` of a source checkout."""
    packaged = resources.files("liaoning_tui") / "data" / DEFAULT_NAME
    if packaged.is_file():
        return FilePath(str(packaged))
    return FilePath(__file__).resolve().parents[3] / "data" / DEFAULT_NAME


def load_default() -> FactBase:
    """The built-in fact base."""
    return load(default_path())
