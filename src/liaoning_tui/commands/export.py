"""`liaoning-tui export`: export the fact base."""

from __future__ import annotations

import argparse

from liaoning_tui.commands.common import EXIT_PROBLEM


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "export", parents=[parent], help="export the fact base (not built yet)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("liaoning-tui export: not built yet")
    return EXIT_PROBLEM
