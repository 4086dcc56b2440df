"""`liaoning-tui list`: list entities."""

from __future__ import annotations

import argparse

from liaoning_tui.commands.common import EXIT_PROBLEM


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser("list", parents=[parent], help="list entities (not built yet)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("liaoning-tui list: not built yet")
    return EXIT_PROBLEM
