"""`liaoning-tui show ID`: one entity in full, as tables on a terminal or JSON for programs."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from liaoning_tui.commands.common import EXIT_OK, EXIT_PROBLEM, load_or_report
from liaoning_tui.facts import FactBase
from liaoning_tui.facts.export import dumps, entity_data, source_data

SUGGESTIONS = 3
SUGGESTION_SCORE = 50.0


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "show",
        parents=[parent],
        help="show one entity: figures, series, links and sources",
        description=(
            "Show everything the fact base says of one entity. On a terminal it prints tables; "
            "piped, or with NO_COLOR set, plain text without escape codes."
        ),
        epilog=(
            "examples:\n"
            "  liaoning-tui show siasun\n"
            "  liaoning-tui show cgip --json | jq '.entity.figures[0]'\n"
            "ids: liaoning-tui list; exit codes: 0 ok, 1 no such entity or bad fact base, 2 usage"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("id", metavar="ID", help="the entity's id (see liaoning-tui list)")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the entity, its incoming links and its sources as JSON",
    )
    parser.set_defaults(run=run)


def suggestions(facts: FactBase, wanted: str) -> list[str]:
    """Ids of the entities closest to `wanted`, by id, name, alias or Chinese name."""
    from liaoning_tui.facts.search import SearchIndex

    hits = SearchIndex(facts).search(wanted, limit=10)
    close = (hit.entity_id for hit in hits if hit.score >= SUGGESTION_SCORE)
    return list(dict.fromkeys(close))[:SUGGESTIONS]


def not_found(facts: FactBase, wanted: str) -> str:
    """`no entity 'siasn'; did you mean: siasun?`, or a pointer to `list` when nothing is close."""
    close = suggestions(facts, wanted)
    if close:
        return f"no entity {wanted!r}; did you mean: {', '.join(close)}?"
    return f"no entity {wanted!r}; liaoning-tui list shows every id"


def as_json(facts: FactBase, entity_id: str) -> str:
    """The entity, the links that point at it and the sources it cites."""
    entity = facts.entity(entity_id)
    data = {
        "entity": entity_data(entity),
        "backlinks": [
            {"origin": back.origin, **dataclasses.asdict(back.link)}
            for back in facts.backlinks(entity_id)
        ],
        "sources": [
            source_data(facts.sources[source])
            for source in entity.cited_sources()
            if source in facts.sources
        ],
    }
    return dumps(data)


def run(args: argparse.Namespace) -> int:
    from liaoning_tui.commands import render

    facts = load_or_report(args)
    if facts is None:
        return EXIT_PROBLEM
    if args.id not in facts.entities:
        print(f"liaoning-tui show: {not_found(facts, args.id)}", file=sys.stderr)
        return EXIT_PROBLEM
    if args.json:
        sys.stdout.write(as_json(facts, args.id))
    else:
        render.emit(render.console(), render.detail(facts, facts.entity(args.id)))
    return EXIT_OK
