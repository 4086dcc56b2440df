"""Where an entity's names come from, said for readers and checked for maintainers.

Every Chinese name, alias, date and link either cites a source or is marked editorial (general
knowledge the base adds). One left unsaid is not an error, since older bases have none, but
`check` warns about it with its place so a maintainer sees it.
"""

from __future__ import annotations

from collections.abc import Iterator

from liaoning_tui.facts.model import Entity, FactBase
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.problems import Path, Problem, format_path
from liaoning_tui.facts.vocabulary import RELATIONS


def cited_as(cited: str) -> str:
    """How a name's provenance reads, short: the source id, `editorial`, or `no source`."""
    return cited or "no source"


def name_lines(entity: Entity) -> list[tuple[str, str, str]]:
    """(what, value, provenance) for the Chinese name, the date and each alias, in that order."""
    lines: list[tuple[str, str, str]] = []
    if entity.name_zh:
        lines.append(("Chinese name", entity.name_zh, cited_as(entity.provenance.name_zh)))
    if entity.date:
        lines.append(("date", describe_period(entity.date), cited_as(entity.provenance.date)))
    lines.extend(
        ("also", alias, cited_as(entity.provenance.of_alias(alias))) for alias in entity.aliases
    )
    return lines


def names_text(entity: Entity) -> str:
    """One line saying where each name comes from, for the detail pane and `show`; neighbours
    of one provenance share it: `Chinese name, date (lnd-2020-12-cgip) · also: CGIP (article),
    Sino-German park, China-Germany Industrial Park (editorial)`."""
    groups: list[tuple[bool, list[str], str]] = []
    for what, value, cited in name_lines(entity):
        alias = what == "also"
        if groups and groups[-1][0] == alias and groups[-1][2] == cited:
            groups[-1][1].append(value if alias else what)
        else:
            groups.append((alias, [value if alias else what], cited))
    own = [f"{', '.join(items)} ({cited})" for alias, items, cited in groups if not alias]
    aliases = [f"{', '.join(items)} ({cited})" for alias, items, cited in groups if alias]
    if aliases:
        own.append("also: " + ", ".join(aliases))
    return " · ".join(own)


def _unsaid(index: int, entity: Entity) -> Iterator[tuple[Path, bool, str]]:
    """(path, whether the place is a key, message) for each name without provenance."""
    here: Path = ("entities", index)
    how = 'cite a source id or "editorial"'
    if entity.name_zh and not entity.provenance.name_zh:
        yield (
            (*here, "name_zh"),
            False,
            f"Chinese name {entity.name_zh!r} gives no source; in provenance.name_zh, {how}",
        )
    if entity.date and not entity.provenance.date:
        yield (
            (*here, "date"),
            False,
            f"date {entity.date!r} gives no source; in provenance.date, {how}",
        )
    for number, alias in enumerate(entity.aliases):
        if not entity.provenance.of_alias(alias):
            yield (
                (*here, "aliases", number),
                False,
                f"alias {alias!r} gives no source; in provenance.aliases, {how}",
            )
    for number, link in enumerate(entity.links):
        if not link.source:
            words = f"{RELATIONS[link.rel].label} {link.target}"
            yield (
                (*here, "links", number),
                True,
                f"link {words!r} gives no source; in its source, {how}",
            )


SHOWN_WARNINGS = 100
"""`check` places and prints this many warnings, and counts the rest in one line: placing a
warning walks the file up to it, and a base of 10,000 unsourced names took 3 s to warn."""


def unsourced(facts: FactBase, text: str, limit: int | None = None) -> list[Problem]:
    """A warning, placed in `text` (the fact base's file), for every name of no stated origin,
    or for the first `limit` of them in file order."""
    found = [
        place
        for index, entity in enumerate(facts.entities.values())
        for place in _unsaid(index, entity)
    ]
    if not found:
        return []
    from liaoning_tui.facts.locate import locate

    positions = locate(text)
    problems: list[Problem] = []
    for path, is_key, message in found[:limit]:
        line, column = positions.of_key(path) if is_key else positions.of_value(path)
        problems.append(
            Problem(facts.origin, f"warning: {message}", line, column, format_path(path))
        )
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


def unsourced_count(facts: FactBase) -> int:
    """How many names have no stated origin."""
    return sum(
        1 for index, entity in enumerate(facts.entities.values()) for _ in _unsaid(index, entity)
    )
