"""`liaoning-tui search TEXT`: the app's ranked search, one hit a line."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from liaoning_tui.commands.common import EXIT_OK, EXIT_PROBLEM, load_or_report
from liaoning_tui.facts import FactBase
from liaoning_tui.facts.display import clean, figure_value
from liaoning_tui.facts.export import dumps
from liaoning_tui.facts.periods import describe_period

if TYPE_CHECKING:
    from liaoning_tui.facts.search import Hit


def _query(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the search text is empty")
    return text


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "search",
        parents=[parent],
        help="search names, Chinese names, aliases, ids, metrics and quotes",
        description=(
            "Search the fact base as the explorer's search does, best hit first, one a line: "
            "id, score (0-100), field matched, text matched, and for a figure its value and "
            "period, separated by tabs."
        ),
        epilog=(
            "examples:\n"
            "  liaoning-tui search siasun\n"
            "  liaoning-tui search 新松\n"
            "  liaoning-tui search gdp --limit 5 --json\n"
            "exit codes: 0 hits found, 1 no hit or bad fact base, 2 usage"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("text", metavar="TEXT", type=_query, help="what to look for")
    parser.add_argument(
        "-n", "--limit", type=_limit, default=20, help="at most this many hits (default: 20)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array of {entity_id, score, field, text, figure, count}",
    )
    parser.set_defaults(run=run)


def figure_words(facts: FactBase, hit: Hit) -> str:
    """`exceed 1.4 tn yuan, H1 2023` for a figure hit; `cited by 3 entities` for a shared quote;
    empty for another hit on the entity."""
    if hit.figure is None:
        return f"shared by {hit.count} entities" if hit.count > 1 else ""
    figure = facts.entity(hit.entity_id).figures[hit.figure]
    value = " ".join(part for part in (figure.qualifier, figure_value(figure)) if part)
    return f"{value}, {describe_period(figure.period)}" if figure.period else value


def line(facts: FactBase, hit: Hit) -> str:
    """A hit as one tab-separated line."""
    from liaoning_tui.facts.search import FIELD_LABELS

    field = FIELD_LABELS[hit.field]
    cells = (hit.entity_id, f"{hit.score:.1f}", field, hit.text, figure_words(facts, hit))
    return "\t".join(clean(cell) for cell in cells) + "\n"


def run(args: argparse.Namespace) -> int:
    facts = load_or_report(args)
    if facts is None:
        return EXIT_PROBLEM
    from liaoning_tui.facts.search import SearchIndex

    hits = SearchIndex(facts).search(args.text, limit=args.limit)
    if args.json:
        sys.stdout.write(
            dumps(
                [
                    {
                        "entity_id": hit.entity_id,
                        "score": round(hit.score, 2),
                        "field": hit.field,
                        "text": hit.text,
                        "figure": hit.figure,
                        "count": hit.count,
                    }
                    for hit in hits
                ]
            )
        )
    else:
        sys.stdout.writelines(line(facts, hit) for hit in hits)
    if not hits:
        print(f"liaoning-tui search: no match for {args.text!r}", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
