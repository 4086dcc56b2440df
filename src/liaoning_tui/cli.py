"""The `liaoning-tui` command: the explorer by default, and batch commands beside it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from liaoning_tui.commands.common import EXIT_PROBLEM, EXIT_USAGE, facts_option, read_config
from liaoning_tui.startup import START_UP_THRESHOLDS


def explorer_options(parser: argparse.ArgumentParser) -> None:
    """The options of the explorer itself, which the commands do not take."""
    from liaoning_tui.theme_names import DEFAULT, names

    parser.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    parser.add_argument(
        "--theme",
        choices=names(),
        default=None,
        metavar="NAME",
        help=f"colours: {', '.join(names())} (default: the config file's, or {DEFAULT})",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="reload the fact base when its file changes (r reloads on demand)",
    )


def build_parser() -> argparse.ArgumentParser:
    from liaoning_tui.commands import (
        check,
        completion,
        config,
        export,
        find,
        listing,
        series,
        serve,
        show,
        web,
    )

    parent = facts_option()
    parser = argparse.ArgumentParser(
        prog="liaoning-tui",
        parents=[facts_option(top=True)],
        description=(
            "Explore a sourced fact base on Liaoning's high-tech and manufacturing industry."
        ),
        epilog=(
            "example: liaoning-tui --facts data/facts.toml; exit codes: 0 ok, 1 bad fact base, "
            "2 usage or no terminal"
        ),
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help="print the version, and the fact base's hash, counts and path",
    )
    explorer_options(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (check, show, listing, find, series, export, serve, web, completion, config):
        module.register(commands, parent)
    return parser


class NotTheExplorer(Exception):
    """The arguments are not the explorer's own options alone."""


class ExplorerParser(argparse.ArgumentParser):
    """Only the explorer's options, with no help, no abbreviations and no commands: whatever it
    cannot take whole goes to the full parser, which also words every error and the help."""

    def error(self, message: str) -> NoReturn:
        raise NotTheExplorer(message)


def explorer_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The explorer's arguments when `argv` holds nothing else, parsed without building the
    commands' parsers: that took 3 % of the explorer's start-up."""
    parser = ExplorerParser(add_help=False, allow_abbrev=False, parents=[facts_option(top=True)])
    explorer_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except NotTheExplorer:
        return None
    return None if rest else args


def run_app(args: argparse.Namespace) -> int:
    from liaoning_tui.commands.explore import run

    return run(args)


def run_version(args: argparse.Namespace) -> int:
    from liaoning_tui.commands.version import run

    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    import gc

    gc.set_threshold(*START_UP_THRESHOLDS)
    args = explorer_arguments(argv)
    if args is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exit_:
            return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    runner = getattr(args, "run", None) or run_app
    if getattr(args, "version", False):
        runner = run_version
    try:
        if getattr(args, "reads_config", True):
            read_config(args, batch=runner is not run_app)
        return int(runner(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_PROBLEM
