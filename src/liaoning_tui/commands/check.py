"""`liaoning-tui check`: load a fact base strictly and say what is in it or what is wrong."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from liaoning_tui.commands.common import EXIT_OK, EXIT_PROBLEM, facts_path, load_or_report
from liaoning_tui.facts import FactBase
from liaoning_tui.facts.vocabulary import KINDS


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "check",
        parents=[parent],
        help="check a fact base and summarise it",
        description=(
            "Check a fact base strictly; every problem is reported as "
            "FILE:LINE:COL: key.path: message."
        ),
        epilog="example: liaoning-tui check my-facts.toml",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="fact base to check (default: --facts or the built-in one)",
    )
    parser.set_defaults(run=run)


def _count(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def summary(facts: FactBase) -> str:
    """One line: entities by kind, figures, series, sources."""
    kinds = ", ".join(
        _count(count, KINDS[kind].label, KINDS[kind].plural)
        for kind, count in facts.kinds().items()
    )
    return (
        f"{_count(len(facts.entities), 'entity', 'entities')} ({kinds}); "
        f"{_count(facts.figure_count, 'figure', 'figures')}; "
        f"{_count(facts.series_count, 'series', 'series')}; "
        f"{_count(len(facts.sources), 'source', 'sources')}"
    )


def run(args: argparse.Namespace) -> int:
    if args.path is not None:
        args.facts = args.path
    facts = load_or_report(args)
    if facts is None:
        return EXIT_PROBLEM
    print(f"{facts_path(args)}: ok: {summary(facts)}")
    _warn(facts, facts_path(args))
    return EXIT_OK


def _warn(facts: FactBase, path: Path) -> None:
    """Names of no stated origin: the base is usable, so they warn without failing."""
    from liaoning_tui.facts.load import read_bytes
    from liaoning_tui.facts.provenance import SHOWN_WARNINGS, unsourced, unsourced_count

    text = read_bytes(path).decode("utf-8", errors="replace").removeprefix("\ufeff")
    shown = unsourced(facts, text, SHOWN_WARNINGS)
    for warning in shown:
        print(replace(warning, file=str(path)), file=sys.stderr)
    more = unsourced_count(facts) - len(shown)
    if more > 0:
        print(
            f"{path}: warning: and {more:,} more names and links give no source",
            file=sys.stderr,
        )
