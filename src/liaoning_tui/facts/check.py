"""Checking parsed TOML against the schema and building the records, every problem placed."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from liaoning_tui.facts.checker import Checker, Guesses
from liaoning_tui.facts.model import (
    EDITORIAL,
    Entity,
    FactBase,
    Figure,
    Link,
    Location,
    Point,
    Provenance,
    Series,
    Source,
    Statement,
)
from liaoning_tui.facts.periods import PeriodError, Span, parse_date, parse_period
from liaoning_tui.facts.problems import FactBaseError, Path, format_path
from liaoning_tui.facts.schema import (
    ENTITY,
    FIGURE,
    LINK,
    LOCATION,
    POINT,
    PROVENANCE,
    SERIES,
    SOURCE,
    STATEMENT,
    TOP,
    required,
    tables,
    type_of,
)
from liaoning_tui.facts.vocabulary import (
    KINDS,
    QUALIFIERS,
    RELATIONS,
    SCALES,
    SOURCE_KINDS,
    UNITS,
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class _Builder:
    def __init__(self, checker: Checker) -> None:
        self.check = checker
        self.source_refs: list[tuple[str, Path]] = []
        self.entity_refs: list[tuple[str, Path]] = []

    def source(self, raw: Mapping[str, Any], path: Path) -> Source | None:
        good = self.check.table(raw, path, SOURCE)
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
        good = self.check.table(raw, path, ENTITY)
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
        if "provenance" in good:
            good["provenance"] = self.provenance(good, (*path, "provenance"))
        if "location" in good:
            good["location"] = self.location(good["location"], (*path, "location"))
        if not {"id", "kind", "name"} <= good.keys():
            return None
        good["aliases"] = tuple(good.get("aliases", ()))
        return Entity(**{**good, **parts})

    def provenance(self, entity: Mapping[str, Any], path: Path) -> Provenance:
        """The sources an entity's names cite; each must name a source, or be "editorial"."""
        good = self.check.table(entity["provenance"], path, PROVENANCE)
        for key in ("name_zh", "date"):
            if key in good:
                self.cite_name(good[key], (*path, key))
                if key not in entity:
                    self.check.at_key((*path, key), f"the entity has no {key!r} to give a source")
        aliases: list[tuple[str, str]] = []
        for alias, cited in good.get("aliases", {}).items():
            here = (*path, "aliases", alias)
            if not isinstance(cited, str):
                self.check.at_value(here, f"expected a string, found {type_of(cited)}")
                continue
            self.cite_name(cited, here)
            if alias not in entity.get("aliases", ()):
                self.check.at_key(here, f"no alias {alias!r} in the entity's aliases")
            aliases.append((alias, cited))
        return Provenance(good.get("name_zh", ""), good.get("date", ""), tuple(aliases))

    def location(self, raw: Mapping[str, Any], path: Path) -> Location | None:
        good = self.check.table(raw, path, LOCATION)
        self.cite(good, path)
        for key, bound in (("latitude", 90), ("longitude", 180)):
            if key in good and not -bound <= good[key] <= bound:
                self.check.at_value(
                    (*path, key), f"{key} must be between -{bound} and {bound}, found {good[key]}"
                )
        if not required(LOCATION) <= good.keys():
            return None
        return Location(**good)

    def cite_name(self, cited: str, path: Path) -> None:
        if cited != EDITORIAL:
            self.source_refs.append((cited, path))

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
        good = self.check.table(raw, path, FIGURE)
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
        if not required(FIGURE) <= good.keys():
            return None
        return Figure(**good)

    def series(self, raw: Mapping[str, Any], path: Path) -> Series | None:
        good = self.check.table(raw, path, SERIES)
        self.measure(good, path)
        if "confidence" in good:
            self.check.text(good["confidence"], (*path, "confidence"))
        unit = UNITS.get(good.get("unit", ""))
        points: list[Point] = []
        previous: tuple[Span, str] | None = None
        for index, raw_point in enumerate(good.get("points", ())):
            point_path = (*path, "points", index)
            point_good = self.check.table(raw_point, point_path, POINT)
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
        if not required(SERIES) <= good.keys():
            return None
        return Series(**{**good, "points": tuple(points)})

    def order(self, before: tuple[Span, str], after: tuple[Span, str], path: Path) -> None:
        """Points of a series follow one another in time and do not overlap."""
        if after[0].first <= before[0].first:
            self.check.at_value(path, f"period {after[1]!r} does not come after {before[1]!r}")
        elif after[0].first <= before[0].last:
            self.check.at_value(path, f"period {after[1]!r} overlaps {before[1]!r}")

    def link(self, raw: Mapping[str, Any], path: Path) -> Link | None:
        good = self.check.table(raw, path, LINK)
        if "rel" in good:
            self.check.choice(good["rel"], (*path, "rel"), list(RELATIONS), "relation")
        if "to" in good:
            self.entity_refs.append((good["to"], (*path, "to")))
        if good.get("source") == EDITORIAL:
            self.cite({key: value for key, value in good.items() if key != "source"}, path)
        else:
            self.cite(good, path)
        if not {"rel", "to"} <= good.keys():
            return None
        target = good.pop("to")
        return Link(target=target, **good)

    def statement(self, raw: Mapping[str, Any], path: Path) -> Statement | None:
        good = self.check.table(raw, path, STATEMENT)
        self.cite(good, path)
        if "text" in good:
            self.check.text(good["text"], (*path, "text"))
        if "date" in good:
            self.check.period(good["date"], (*path, "date"), parse_date)
        if not {"text", "source", "quote"} <= good.keys():
            return None
        return Statement(**good)


def _unique(check: Checker, items: Sequence[tuple[str, Path]], what: str) -> dict[str, Path]:
    seen: dict[str, Path] = {}
    for item_id, path in items:
        if not SLUG.fullmatch(item_id):
            check.at_value(
                path, f"malformed id {item_id!r}: use lower-case letters, digits and single hyphens"
            )
        if item_id in seen:
            line, _ = check.place(seen[item_id])
            first = f"line {line}" if line else format_path(seen[item_id])
            check.at_value(path, f"duplicate {what} id {item_id!r} (first at {first})")
        else:
            seen[item_id] = path
    return seen


def build(data: Mapping[str, Any], file: str, text: str | None) -> FactBase:
    """Check parsed data against the schema and build the fact base; FactBaseError lists every
    problem, placed by line in `text` where the data came from TOML text."""
    check = Checker(file, text)
    top = check.table(data, (), TOP)
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
    for index, raw in enumerate(top.get("sources", ())):
        if raw.get("id") == EDITORIAL:
            check.at_value(
                ("sources", index, "id"),
                f"{EDITORIAL!r} is not a source id: it marks what the base adds itself",
            )
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
        for series_index, series in enumerate(tables(raw.get("series")))
        if isinstance(series.get("id"), str)
    ]
    _unique(check, series_ids, "series")
    guess_source = Guesses(source_ids)
    for ref, path in builder.source_refs:
        if ref not in source_ids:
            check.at_value(path, f"no source with id {ref!r}{guess_source(ref)}")
    guess_entity = Guesses(entity_ids)
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
