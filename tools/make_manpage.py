"""Write docs/liaoning-tui.1, the manual page, from the parser that reads the command line.

    python tools/make_manpage.py            writes the page
    python tools/make_manpage.py --check    exits 1 when the committed page differs from a fresh run

argparse-manpage (in the test extra) makes the page; the program never needs it. The sdist ships
docs/, and the wheel installs the page as share/man/man1/liaoning-tui.1, where `man` finds it
beside the `liaoning-tui` on PATH. Help text is left unwrapped whatever the terminal (man wraps
it), so a re-run writes the same bytes; the page carries no date, only the version.
argparse-manpage leaves out the commands' epilogs (their examples and exit codes), so they are
added here as an EXAMPLES section.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib.metadata import version
from pathlib import Path

PAGE = Path(__file__).resolve().parents[1] / "docs" / "liaoning-tui.1"
WIDTH = "10000"
SUMMARY = "explore a sourced fact base on Liaoning's high-tech and manufacturing industry"


def roff(text: str) -> str:
    """Plain text as roff shows it: backslashes and hyphens kept, no line taken for a request."""
    lines = text.replace("\\", "\\e").replace("-", "\\-").splitlines()
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in lines)


def examples(parser: argparse.ArgumentParser) -> str:
    """Each command's epilog under its name, as written."""
    from liaoning_tui.commands.completion import parsers

    return "\n".join(
        f".SS {roff(each.prog)}\n.nf\n{roff(each.epilog)}\n.fi"
        for each in parsers(parser)
        if each is not parser and each.epilog
    )


def page_text() -> str:
    """The page as a fresh run writes it (call only where COLUMNS is WIDTH: see main)."""
    from argparse_manpage.manpage import Manpage

    from liaoning_tui.cli import build_parser

    parser = build_parser()
    page = Manpage(parser)
    page.date = ""
    page.source = f"liaoning-tui {version('liaoning-tui')}"
    page.manual = "liaoning-tui manual"
    page.description = SUMMARY
    page.add_section("examples", ">", examples(parser))
    return str(page)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed page")
    args = parser.parse_args(argv)
    os.environ["COLUMNS"] = WIDTH  # argparse wraps help at the terminal's width
    text = page_text()
    if args.check:
        if PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE} is out of date: run python tools/make_manpage.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
