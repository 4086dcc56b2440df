"""What every command shares: the --facts option, loading, and exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liaoning_tui.facts import FactBase, FactBaseError, default_path
from liaoning_tui.facts.cache import load_cached

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


def facts_option(top: bool = False) -> argparse.ArgumentParser:
    """A parent parser holding `--facts PATH`, shared by every command.

    Only the top-level parser sets a default, so `--facts X check` and `check --facts X` agree.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--facts",
        metavar="PATH",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help="fact base to read (default: the built-in one)",
    )
    return parent


def facts_path(args: argparse.Namespace) -> Path:
    """The fact base the user named, or the built-in one."""
    chosen: Path | None = getattr(args, "facts", None)
    return chosen if chosen is not None else default_path()


def read_config(args: argparse.Namespace, *, batch: bool) -> None:
    """The user's config, on `args.config`; its fact base becomes the default of `--facts`.

    A broken config is set aside whole: a batch command prints every problem to stderr and goes
    on with the defaults; the explorer shows a notice instead (its screen hides stderr).
    """
    from liaoning_tui.config import read

    reading = read()
    args.config = reading
    if batch and reading.problems:
        for problem in reading.problems:
            print(problem, file=sys.stderr)
        print(f"{reading.path}: set aside; the defaults are used", file=sys.stderr)
    if getattr(args, "facts", None) is None and reading.config.facts is not None:
        args.facts = reading.config.facts


def load_or_report(args: argparse.Namespace) -> FactBase | None:
    """The fact base (from the parse cache when unchanged), or None after printing every problem."""
    try:
        return load_cached(facts_path(args))
    except FactBaseError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None
