"""The default command: open the explorer."""

from __future__ import annotations

import argparse

from liaoning_tui.commands.common import EXIT_OK, EXIT_PROBLEM, load_or_report


def run(args: argparse.Namespace) -> int:
    facts = load_or_report(args)
    if facts is None:
        return EXIT_PROBLEM
    print("explorer not built yet")
    return EXIT_OK
