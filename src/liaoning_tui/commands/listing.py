"""`liaoning-tui list [KIND]`: one entity a line, id first, for scripts and pipes."""

from __future__ import annotations

import argparse
import sys

from liaoning_tui.commands.common import EXIT_OK, EXIT_PROBLEM, load_or_report
from liaoning_tui.facts.display import clean
from liaoning_tui.facts.export import dumps
from liaoning_tui.facts.vocabulary import KIND_ORDER, KINDS

_BY_WORD = {word: kind for kind, spec in KINDS.items() for word in (kind, spec.plural)}


def kind_argument(text: str) -> str:
    """A kind as the fact base names it, singular or plural, in any case: `company`, `Companies`."""
    kind = _BY_WORD.get(text.strip().casefold())
    if kind is None:
        raise argparse.ArgumentTypeError(
            f"unknown kind {text!r}; valid kinds: {', '.join(KIND_ORDER)}"
        )
    return kind


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "list",
        parents=[parent],
        help="list entities, one a line: id, kind, name",
        description=(
            "List the entities, one a line: id, kind and name separated by tabs, in the tree's "
            "order (by kind, then as the fact base lists them)."
        ),
        epilog=(
            "examples:\n"
            "  liaoning-tui list companies\n"
            "  liaoning-tui list port | cut -f1\n"
            f"kinds: {', '.join(KIND_ORDER)} (or their plurals)\n"
            "exit codes: 0 ok, 1 bad fact base, 2 usage (an unknown kind)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "kind",
        metavar="KIND",
        nargs="?",
        type=kind_argument,
        help="only entities of this kind (company or companies, port or ports, ...)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print a JSON array of {id, kind, name, name_zh}"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    facts = load_or_report(args)
    if facts is None:
        return EXIT_PROBLEM
    kinds = [args.kind] if args.kind else list(KIND_ORDER)
    entities = [entity for kind in kinds for entity in facts.by_kind(kind)]
    if args.json:
        rows = [
            {"id": entity.id, "kind": entity.kind, "name": entity.name, "name_zh": entity.name_zh}
            for entity in entities
        ]
        sys.stdout.write(dumps(rows))
    else:
        sys.stdout.writelines(
            f"{entity.id}\t{entity.kind}\t{clean(entity.name)}\n" for entity in entities
        )
    return EXIT_OK
