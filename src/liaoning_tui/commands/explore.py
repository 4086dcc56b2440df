"""The default command: open the explorer."""

from __future__ import annotations

import argparse

from liaoning_tui.commands.common import EXIT_PROBLEM, facts_path, load_or_report
from liaoning_tui.serve.report import errors_to_server


def run(args: argparse.Namespace) -> int:
    with errors_to_server():
        facts = load_or_report(args)
        if facts is None:
            return EXIT_PROBLEM
        from liaoning_tui.ui.app import build_app

        app = build_app(facts, path=facts_path(args), watch=args.watch, theme=args.theme)
        result = app.run(mouse=not args.no_mouse)
        return result if isinstance(result, int) else app.return_code or 0
