"""`liaoning-tui config`: where the config file is, and whether it is right."""

from __future__ import annotations

import argparse
import sys

from liaoning_tui.commands.common import EXIT_OK, EXIT_PROBLEM


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "config",
        help="show where the config file is, or check it",
        description=(
            "The config file sets the theme, the default fact base, the mouse and key overrides "
            "(see the README). A missing file is no problem: the defaults are used."
        ),
        epilog=(
            "examples:\n"
            "  liaoning-tui config --path\n"
            "  liaoning-tui config --check\n"
            "exit codes: 0 ok or no file, 1 the file has problems (each FILE:LINE:COL), 2 usage"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--path", action="store_true", help="print the config file's path")
    what.add_argument("--check", action="store_true", help="check the config file strictly")
    parser.set_defaults(run=run, reads_config=False)


def run(args: argparse.Namespace) -> int:
    from liaoning_tui.config import config_path, read

    if args.path:
        print(config_path())
        return EXIT_OK
    reading = read()
    for problem in reading.problems:
        print(problem, file=sys.stderr)
    if reading.problems:
        return EXIT_PROBLEM
    print("ok" if reading.found else f"no config file at {reading.path} (defaults in use)")
    return EXIT_OK
