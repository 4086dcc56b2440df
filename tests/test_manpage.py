"""docs/liaoning-tui.1: made from the parser by tools/make_manpage.py, up to date with it, naming
every command, and shipped in the sdist."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

from liaoning_tui.cli import build_parser
from tests.test_completion import command_names

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "liaoning-tui.1"


def test_the_committed_page_is_what_the_parser_makes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_manpage.py"), "--check"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "37"},  # the page must not depend on the terminal
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_the_page_names_every_command_and_option() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert text.startswith('.TH LIAONING\\-TUI "1" ""')
    for name in command_names():
        assert f".SH COMMAND \\fI\\,'liaoning\\-tui {name}'\\/\\fR\n" in text
        assert f".SS liaoning\\-tui {name}\n" in text  # its examples
    top = build_parser().format_usage()
    for option in ("--facts", "--version", "--no-mouse", "--watch"):
        assert option in top
        escaped = option.replace("-", "\\-")
        assert f"\\fB{escaped}\\fR" in text


def test_the_sdist_ships_the_page(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=True,
    )
    (sdist,) = tmp_path.glob("liaoning_tui-*.tar.gz")
    with tarfile.open(sdist) as archive:
        (member,) = [m for m in archive.getmembers() if m.name.endswith("/docs/liaoning-tui.1")]
        shipped = archive.extractfile(member)
        assert shipped is not None
        assert shipped.read() == PAGE.read_bytes()
        assert any(m.name.endswith("/tools/make_manpage.py") for m in archive.getmembers())
