"""`liaoning-tui completion SHELL`: tab completion for bash, zsh or fish, made by shtab from the
same parser that reads the command line, so it always knows every command and option."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

INSTALL = {
    "bash": (
        "liaoning-tui completion bash > ~/.local/share/bash-completion/completions/liaoning-tui"
    ),
    "zsh": (
        "liaoning-tui completion zsh > ~/.zfunc/_liaoning-tui\n"
        "      and in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)"
    ),
    "fish": "liaoning-tui completion fish > ~/.config/fish/completions/liaoning-tui.fish",
}
"""Where each shell finds completions for a command by itself, in the user's home."""


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    install = "\n".join(f"  {shell}: {line}" for shell, line in INSTALL.items())
    parser = commands.add_parser(
        "completion",
        help="print tab completion for bash, zsh or fish",
        description="Print the tab completion script for SHELL, made from this program's options.",
        epilog=f"install (then open a new shell):\n{install}\nexit codes: 0 ok, 2 usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("shell", metavar="SHELL", choices=list(INSTALL), help="bash, zsh or fish")
    parser.set_defaults(run=run)


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every command's parser under it."""
    yield parser
    # argparse has no public way to list a parser's actions; shtab reads `_actions` the same way.
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                yield from parsers(command)


def script(shell: str) -> str:
    """The completion script for `shell`; options that take a path complete file names."""
    import shtab

    from liaoning_tui.cli import build_parser

    parser = build_parser()
    for each in parsers(parser):
        for action in each._actions:
            if action.type is Path:
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    return shtab.complete(parser, shell)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(script(args.shell))
    return 0
