"""`liaoning-tui export`: the whole fact base as JSON, CSV or a Markdown report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liaoning_tui.atomic import write_atomically
from liaoning_tui.commands.common import EXIT_OK, EXIT_PROBLEM, load_or_report
from liaoning_tui.facts.display import clean
from liaoning_tui.facts.formats import FORMATS


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "export",
        parents=[parent],
        help="export the fact base as JSON, CSV or Markdown",
        description=(
            "Export the whole fact base. json: every field, and it loads back into the same "
            "fact base; csv: one row per figure and per series point; markdown: a report "
            "grouped like the explorer's tree, each figure with its quote and source."
        ),
        epilog=(
            "examples:\n"
            "  liaoning-tui export --format csv -o figures.csv\n"
            "  liaoning-tui export --format json | jq '.entities | length'\n"
            "  liaoning-tui export --format markdown -o report.md --force\n"
            "exit codes: 0 ok, 1 bad fact base or the file cannot be written "
            "(or exists, without --force), 2 usage"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--format", required=True, choices=list(FORMATS), help="what to write")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write to FILE, whole or not at all (default: standard output)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.set_defaults(run=run)


def _fail(message: str) -> int:
    print(f"liaoning-tui export: {message}", file=sys.stderr)
    return EXIT_PROBLEM


def run(args: argparse.Namespace) -> int:
    output: Path | None = args.output
    if output is not None:
        if output.is_dir():
            return _fail(f"{output} is a directory; name a file")
        if output.exists() and not args.force:
            return _fail(f"{output} exists; add --force to overwrite it")
    facts = load_or_report(args)
    if facts is None:
        return EXIT_PROBLEM
    text = FORMATS[args.format](facts)
    if output is None:
        if sys.stdout.isatty():
            text = "\n".join(clean(line) for line in text.split("\n"))
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomically(output, text, overwrite=args.force)
    except FileExistsError:
        return _fail(f"{output} exists; add --force to overwrite it")
    except OSError as error:
        return _fail(f"cannot write {output}: {error.strerror or error}")
    return EXIT_OK
