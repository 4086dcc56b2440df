"""The `liaoning-tui` command: the explorer by default, and batch commands beside it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from liaoning_tui.commands.common import EXIT_PROBLEM, EXIT_USAGE, facts_option
from liaoning_tui.startup import START_UP_THRESHOLDS


class VersionAction(argparse.Action):
    """`--version`, looking the version up only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import liaoning_tui

        print(f"liaoning-tui {liaoning_tui.__version__}")
        parser.exit()


def explorer_options(parser: argparse.ArgumentParser) -> None:
    """The options of the explorer itself, which the commands do not take."""
    from liaoning_tui.theme_names import DEFAULT, names

    parser.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    parser.add_argument(
        "--theme",
        choices=names(),
        default=DEFAULT,
        metavar="NAME",
        help=f"colours: {', '.join(names())} (default {DEFAULT})",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="reload the fact base when its file changes (r reloads on demand)",
    )


def build_parser() -> argparse.ArgumentParser:
    from liaoning_tui.commands import check, export, find, listing, series, serve, show, web

    parent = facts_option()
    parser = argparse.ArgumentParser(
        prog="liaoning-tui",
        parents=[facts_option(top=True)],
        description=(
            "Explore a sourced fact base on Liaoning's high-tech and manufacturing industry."
        ),
        epilog="example: liaoning-tui --facts data/facts.toml",
    )
    parser.add_argument("--version", action=VersionAction)
    explorer_options(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (check, show, listing, find, series, export, serve, web):
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


def main(argv: Sequence[str] | None = None) -> int:
    import gc

    gc.set_threshold(*START_UP_THRESHOLDS)
    args = explorer_arguments(argv)
    if args is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exit_:
            return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    runner = getattr(args, "run", None)
    if runner is None:
        runner = run_app
    try:
        return int(runner(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_PROBLEM
