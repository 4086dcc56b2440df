"""The fact base as frozen, typed records.

Nothing here knows about TOML, files or terminals: the loader builds these records and every view
reads them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from liaoning_tui.facts.vocabulary import KIND_ORDER, RELATIONS


@dataclass(frozen=True, slots=True)
class Source:
    """A published document that figures and quotes are taken from."""

    id: str
    """Stable slug that figures, points and links cite."""
    title: str
    """The document's title, or a description of the page when it has none."""
    publisher: str = ""
    """Who published it (newspaper, agency, company, site)."""
    date: str = ""
    """When it was published: YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown."""
    url: str = ""
    """Where it was read; a scheme is optional."""
    kind: str = "news"
    """One of SOURCE_KINDS: article, bulletin, news, company, data, derived, reference."""
    note: str = ""
    """Anything a reader should know about the source's reliability."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One published number about an entity, with where it came from."""

    metric: str
    """What is measured, in words ("GDP", "Gross industrial output value")."""
    value: float
    """The number as published, before applying `scale`."""
    unit: str
    """One of UNITS ("yuan", "percent", "km2", "count", ...)."""
    source: str
    """Id of the Source it was read in."""
    quote: str
    """The sentence of the source that states it, verbatim."""
    scale: str = ""
    """The scale word as published ("billion", "trillion", "亿"); empty for none."""
    period: str = ""
    """The period it covers (2023, 2023-H1, 2023-01..2023-07); empty when the source gives none."""
    qualifier: str = ""
    """How the source hedges it: "over", "more than", "about", "approximately", "exceed"."""
    change: float | None = None
    """Year-on-year change in percent, where published."""
    as_published: str = ""
    """The value's own words when they are not a plain number ("one-seventh")."""
    doubt: str = ""
    """Why the published value looks wrong, with the evidence; empty when it does not."""
    note: str = ""
    """Context a reader needs that is neither doubt nor quote."""


@dataclass(frozen=True, slots=True)
class Point:
    """One (period, value) observation of a series."""

    period: str
    """The period observed, in the period syntax."""
    value: float | None = None
    """The value in the series' unit and scale; None is a gap."""
    source: str = ""
    """Id of the Source the value was read in (required unless the point is a gap)."""
    quote: str = ""
    """The source's words for the value, where it quotes them."""
    change: float | None = None
    """Year-on-year change in percent, where published."""
    note: str = ""
    """Why the point is special: derived, conflicting, different scope."""


@dataclass(frozen=True, slots=True)
class Series:
    """A history of one metric of an entity, one scope and one kind of period."""

    id: str
    """Stable slug, unique across the fact base."""
    metric: str
    """What is measured ("GDP", "Container throughput")."""
    unit: str
    """One of UNITS."""
    points: tuple[Point, ...]
    """Observations in period order; gaps are points with no value."""
    confidence: str
    """How far the series can be trusted and why; shown wherever the series is."""
    scale: str = ""
    """The scale word of every value ("billion", "million")."""
    scope: str = ""
    """What exactly is counted (port group, whole port, listed company)."""

    @property
    def values(self) -> list[float | None]:
        """The values in order, with None for gaps."""
        return [point.value for point in self.points]

    @property
    def known(self) -> list[Point]:
        """The points that have a value."""
        return [point for point in self.points if point.value is not None]


@dataclass(frozen=True, slots=True)
class Link:
    """A typed, directed relation from one entity to another."""

    rel: str
    """One of RELATIONS (located_in, part_of, invests_in, focuses_on, ...)."""
    target: str
    """Id of the entity linked to."""
    role: str = ""
    """Free words that qualify the link ("deputy director", "provincial capital")."""
    source: str = ""
    """Id of the Source that states the link, or EDITORIAL where the base adds it itself."""
    quote: str = ""
    """The sentence that states it."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A fact in words, for what the source says that is not a number."""

    text: str
    """The fact, in a short sentence of our own."""
    source: str
    """Id of the Source that states it."""
    quote: str
    """The source's sentence, verbatim."""
    date: str = ""
    """When it happened, where it is an event: YYYY, YYYY-MM or YYYY-MM-DD."""


@dataclass(frozen=True, slots=True)
class Location:
    """Where an entity stands, as a source gives it."""

    latitude: float
    """Decimal degrees north (negative south), -90 to 90."""
    longitude: float
    """Decimal degrees east (negative west), -180 to 180."""
    source: str
    """Id of the Source that gives the position."""
    quote: str = ""
    """The source's words for the position, verbatim."""


EDITORIAL = "editorial"
"""Cited instead of a source id for what the base adds from general knowledge, said as such."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an entity's Chinese name, date and aliases come from: a source id, EDITORIAL, or
    empty when the base does not say (`check` warns about those)."""

    name_zh: str = ""
    """What gives the Chinese name."""
    date: str = ""
    """What gives the date."""
    aliases: tuple[tuple[str, str], ...] = ()
    """(alias, what gives it), for the aliases whose provenance is given."""

    def of_alias(self, alias: str) -> str:
        """What gives `alias`; empty when unsaid."""
        return next((cited for name, cited in self.aliases if name == alias), "")

    def cited(self) -> list[str]:
        """The source ids cited, without EDITORIAL."""
        found = [self.name_zh, self.date, *(cited for _, cited in self.aliases)]
        return [cited for cited in found if cited and cited != EDITORIAL]


@dataclass(frozen=True, slots=True)
class Entity:
    """A thing the fact base is about: a province, sector, park, company, person, ..."""

    id: str
    """Stable slug (lower case, digits and hyphens) that links and the command line use."""
    kind: str
    """One of KINDS."""
    name: str
    """The English name as the sources write it."""
    summary: str = ""
    """One or two sentences saying what it is."""
    name_zh: str = ""
    """The Chinese name."""
    aliases: tuple[str, ...] = ()
    """Other names and abbreviations search should find it by ("CGIP")."""
    date: str = ""
    """Founding, approval or event date: YYYY, YYYY-MM or YYYY-MM-DD."""
    figures: tuple[Figure, ...] = ()
    """Its published figures."""
    series: tuple[Series, ...] = ()
    """Its histories."""
    links: tuple[Link, ...] = ()
    """Its outgoing links."""
    statements: tuple[Statement, ...] = ()
    """What the sources say of it in words."""
    provenance: Provenance = Provenance()
    """Where its Chinese name, date and aliases come from."""
    location: Location | None = None
    """Where a source puts it; None where none does (a map then places it by its links)."""

    def cited_sources(self) -> list[str]:
        """Ids of the sources its figures, series, links and statements cite, first use first."""
        found: dict[str, None] = {}
        for figure in self.figures:
            found[figure.source] = None
        for series in self.series:
            found.update((point.source, None) for point in series.points if point.source)
        for statement in self.statements:
            found[statement.source] = None
        found.update((link.source, None) for link in self.links if link.source)
        found.update((cited, None) for cited in self.provenance.cited())
        if self.location is not None:
            found[self.location.source] = None
        found.pop(EDITORIAL, None)
        return list(found)


@dataclass(frozen=True, slots=True)
class Backlink:
    """An incoming link: `origin` links to the entity with `link`."""

    origin: str
    """Id of the entity the link starts from."""
    link: Link
    """The link itself, as the origin holds it."""


@dataclass(frozen=True)
class FactBase:
    """A whole, checked fact base: entities and sources by id."""

    title: str
    """What the fact base covers, for headings."""
    entities: Mapping[str, Entity]
    """Every entity by id, in file order."""
    sources: Mapping[str, Source]
    """Every source by id, in file order."""
    origin: str = ""
    """Where it was read from, for messages."""
    _backlinks: dict[str, tuple[Backlink, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; KeyError when there is none."""
        return self.entities[entity_id]

    def by_kind(self, kind: str) -> list[Entity]:
        """Entities of one kind, in file order."""
        return [entity for entity in self.entities.values() if entity.kind == kind]

    def kinds(self) -> dict[str, int]:
        """How many entities of each kind, in the canonical kind order, omitting empty kinds."""
        counts = dict.fromkeys(KIND_ORDER, 0)
        for entity in self.entities.values():
            counts[entity.kind] += 1
        return {kind: count for kind, count in counts.items() if count}

    def backlinks(self, entity_id: str) -> tuple[Backlink, ...]:
        """Links from other entities to this one."""
        return self._backlink_index.get(entity_id, ())

    @cached_property
    def _backlink_index(self) -> dict[str, tuple[Backlink, ...]]:
        index: dict[str, list[Backlink]] = {}
        for entity in self.entities.values():
            for link in entity.links:
                index.setdefault(link.target, []).append(Backlink(entity.id, link))
        return {target: tuple(found) for target, found in index.items()}

    def figures(self) -> Iterator[tuple[Entity, Figure]]:
        """Every figure with the entity that holds it."""
        for entity in self.entities.values():
            for figure in entity.figures:
                yield entity, figure

    def all_series(self) -> Iterator[tuple[Entity, Series]]:
        """Every series with the entity that holds it."""
        for entity in self.entities.values():
            for series in entity.series:
                yield entity, series

    def cited_by(self, source_id: str) -> list[tuple[Entity, str]]:
        """Entities citing a source, each with what cites it (a metric or 'statement')."""
        found: list[tuple[Entity, str]] = []
        for entity in self.entities.values():
            for figure in entity.figures:
                if figure.source == source_id:
                    found.append((entity, figure.metric))
            for series in entity.series:
                if any(point.source == source_id for point in series.points):
                    found.append((entity, series.metric))
            for statement in entity.statements:
                if statement.source == source_id:
                    found.append((entity, statement.text))
            for link in entity.links:
                if link.source == source_id:
                    found.append((entity, RELATIONS[link.rel].label))
            if source_id in entity.provenance.cited():
                found.append((entity, "names"))
            if entity.location is not None and entity.location.source == source_id:
                found.append((entity, "location"))
        return found

    @property
    def figure_count(self) -> int:
        """How many figures in all."""
        return sum(len(entity.figures) for entity in self.entities.values())

    @property
    def series_count(self) -> int:
        """How many series in all."""
        return sum(len(entity.series) for entity in self.entities.values())


EMPTY = FactBase(title="", entities={}, sources={})
"""A fact base with nothing in it: what a view shows before one is bound to it."""
