"""`liaoning-tui --version`: the program's version and the fact base it would read.

The fact base records no version of its own, so it is named by what it has: the hash of its
bytes (the parse cache keys on the same bytes), its counts, and its newest source's date.
"""

from __future__ import annotations

import argparse
import hashlib

from liaoning_tui.commands.common import EXIT_OK, facts_path
from liaoning_tui.facts.cache import load_cached
from liaoning_tui.facts.display import clean
from liaoning_tui.facts.load import read_bytes
from liaoning_tui.facts.problems import FactBaseError

HASH_DIGITS = 12


def count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def version_line(args: argparse.Namespace) -> str:
    """One line; a fact base that does not load is named with its first problem."""
    import liaoning_tui

    program = f"liaoning-tui {liaoning_tui.__version__}"
    path = facts_path(args)
    try:
        digest = hashlib.sha256(read_bytes(path)).hexdigest()[:HASH_DIGITS]
        facts = load_cached(path)
    except FactBaseError as error:
        first, *rest = error.problems
        more = f" (and {len(rest)} more: liaoning-tui check lists them)" if rest else ""
        return clean(f"{program} · fact base does not load: {first}{more}")
    dates = [source.date for source in facts.sources.values() if source.date]
    newest = f", newest {max(dates)}" if dates else ""
    sources = count(len(facts.sources), "source", "sources")
    counts = f"{sources}{newest}; {count(len(facts.entities), 'entity', 'entities')}"
    return clean(f"{program} · fact base sha256:{digest} ({counts}) at {path}")


def run(args: argparse.Namespace) -> int:
    print(version_line(args))
    return EXIT_OK
