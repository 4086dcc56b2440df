"""The default command: open the explorer."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

from liaoning_tui.commands.common import EXIT_PROBLEM, EXIT_USAGE, facts_path, load_or_report
from liaoning_tui.serve.report import errors_to_server

STREAMS = ("stdin", "stdout", "stderr")
"""Textual's terminal driver reads keys from stdin and draws on stderr; stdout redirected means
the user wanted output in a file or a pipe, which the batch commands give."""


def terminal_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """Why the explorer cannot run here, in one line, or None when it can.

    A driver named in TEXTUAL_DRIVER brings its own input and output (textual-serve's web driver
    talks over pipes), so only Textual's own terminal driver needs a terminal; the app's driver
    choice (`ui.driver.driver_class`) follows the same rule.
    """
    if environ.get("TEXTUAL_DRIVER"):
        return None
    missing = [name for fd, name in enumerate(STREAMS) if not os.isatty(fd)]
    if not missing:
        return None
    named = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
    what = "is not a terminal" if len(missing) == 1 else "are not terminals"
    return (
        f"liaoning-tui: the explorer needs a terminal, but {named} {what}; "
        "for a file or a pipe use liaoning-tui show ID, list, search TEXT or export --format FORMAT"
    )


def run(args: argparse.Namespace) -> int:
    problem = terminal_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    with errors_to_server():
        facts = load_or_report(args)
        if facts is None:
            return EXIT_PROBLEM
        from liaoning_tui.ui.app import build_app

        config = getattr(args, "config", None)
        app = build_app(
            facts,
            path=facts_path(args),
            watch=args.watch,
            theme=args.theme,
            config=config,
            exports=True,
        )
        mouse = not args.no_mouse and (config is None or config.config.mouse)
        result = app.run(mouse=mouse)
        return result if isinstance(result, int) else app.return_code or 0
