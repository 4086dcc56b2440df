"""A fact base written to attack the terminal, run end to end in a real pseudo-terminal.

Its strings hold Rich and Textual markup, action links, OSC 52 clipboard writes, title changes, CSI
and C1 sequences, bidirectional and zero-width characters, a very long word and CJK text. Whatever
screen shows them, the bytes the app writes carry none of the injected sequences, markup shows as
the brackets it is, and the app keeps running.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from pathlib import Path

import pytest

from liaoning_tui.facts import load
from liaoning_tui.facts.export import from_json
from tests.pty_app import PtyApp, needs_pyte, run_batch

ESC = "\x1b"
BEL = "\x07"
MARKUP = "[b]bold[/b] [red]red[/red] [@click=app.quit]click[/]"
ATTACKS = (
    f"{ESC}]52;c;SU5KRUNURUQ={BEL}"
    f"{ESC}]0;PWNED-TITLE{BEL}"
    f"{ESC}[9999;9999H"
    "\x9b9998;9998H"
    "\u202eRLO\u2066LRI\u200bZW\ufeffBOM"
)
EVIL = f"Evil {MARKUP} {ATTACKS}"
LONG_WORD = "Pneumono" + "ultramicroscopic" * 150
CJK = "辽宁省高新技术产业" * 20

FORBIDDEN = [
    b"\x1b]52;c;SU5KRUNURUQ=",
    b"]52;c;SU5KRUNURUQ=\x07",
    b"\x1b]0;PWNED",
    b"\x1b[9999;9999H",
    "\x9b".encode(),
    "\u202e".encode(),
    "\u2066".encode(),
    "\u200b".encode(),
    "\ufeff".encode(),
]


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, every control and format character escaped."""
    out = []
    for char in text:
        if char in '"\\' or unicodedata.category(char) in {"Cc", "Cf"}:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def hostile_base() -> str:
    s = toml_string
    return f"""\
title = {s("Hostile " + EVIL)}

[[sources]]
id = "evil-source"
title = {s("Source " + EVIL)}
publisher = {s("Publisher " + MARKUP + ATTACKS)}
url = {s("javascript:[@click=app.quit]x[/]" + ATTACKS)}
note = {s("Note " + LONG_WORD)}
kind = "article"

[[entities]]
id = "evil"
kind = "province"
name = {s(EVIL)}
name_zh = {s("辽宁" + ATTACKS)}
summary = {s("Summary " + MARKUP + " " + LONG_WORD + " " + CJK + ATTACKS)}
aliases = [{s("Alias " + MARKUP + ATTACKS)}]

[[entities.figures]]
metric = {s("GDP " + MARKUP + ATTACKS)}
value = 1.4
unit = "yuan"
scale = "trillion"
period = "2023-H1"
change = 5.6
source = "evil-source"
quote = {s("Quote " + MARKUP + " " + CJK + ATTACKS)}
doubt = {s("Doubt " + MARKUP + ATTACKS)}
note = {s("Note " + MARKUP + ATTACKS)}

[[entities.series]]
id = "evil-gdp"
metric = {s("Series " + MARKUP + ATTACKS)}
unit = "yuan"
scale = "billion"
confidence = {s("Confidence " + MARKUP + ATTACKS)}
points = [
  {{ period = "2021", value = 1.0, source = "evil-source" }},
  {{ period = "2022", value = 2.0, source = "evil-source" }},
]

[[entities.statements]]
text = {s("Statement " + MARKUP + ATTACKS)}
source = "evil-source"
quote = {s("Evil said " + MARKUP + ATTACKS)}

[[entities.links]]
rel = "part_of"
to = "plain-city"
role = {s("Role " + MARKUP + ATTACKS)}

[[entities]]
id = "plain-city"
kind = "city"
name = {s("Plain " + CJK)}
summary = {s(LONG_WORD)}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.toml"
    path.write_text(hostile_base(), encoding="utf-8")
    return path


def assert_clean(output: bytes) -> None:
    for sequence in FORBIDDEN:
        assert sequence not in output, sequence


def test_the_hostile_base_loads_with_its_strings_intact(hostile: Path) -> None:
    facts = load(hostile)
    evil = facts.entities["evil"]
    assert evil.name == EVIL
    assert evil.figures[0].metric == "GDP " + MARKUP + ATTACKS


@needs_pyte
def test_explorer_shows_markup_as_text_and_writes_no_injected_bytes(hostile: Path) -> None:
    with PtyApp(["--facts", str(hostile)], size=(160, 50)) as app:
        assert app.wait_for_text("[b]bold[/b] [red]red[/red] [@click=app.quit]click[/]")
        app.settle()
        screen = app.text
        assert "Evil [b]bold[/b]" in screen
        assert "Publisher [b]bold[/b]" in screen
        assert "PWNED-TITLE" in screen, "the printable rest of a sequence shows as text"

        app.press("down", "down", "up", "up", "tab", "down", "up", "tab")
        app.settle()
        assert app.alive

        app.press("s")
        assert app.wait_for_text("Source Evil [b]bold[/b]")
        app.press("escape")
        app.press("v")
        assert app.wait_for_text("Series [b]bold[/b]")
        app.press("enter")
        app.settle()
        app.press("escape")
        app.settle()

        app.press("/")
        app.settle()
        app.press(*"Evil")
        assert app.wait_for_text("Evil [b]bold[/b] [red]red[/red]")
        app.press("enter")
        app.settle()

        app.press("ctrl+p")
        app.settle()
        app.press(*"Evil")
        assert app.wait_for_text("Go to Evil [b]bold[/b]"), app.text
        app.press("escape")
        app.settle()

        app.press("?")
        app.settle()
        app.press("escape")
        app.settle()
        assert app.alive, app.output[-2000:]
        assert app.quit() == 0
    assert_clean(bytes(app.output))


@needs_pyte
def test_copy_puts_no_control_characters_on_the_clipboard(hostile: Path) -> None:
    with PtyApp(["--facts", str(hostile)], size=(120, 40)) as app:
        assert app.wait_for_text("[b]bold[/b]")
        app.settle()
        app.press("y")
        assert app.wait_for(lambda: b"\x1b]52;c;" in app.output)
        app.settle()
        assert app.alive
        assert "Copied GDP [b]bold[/b]" in app.text
        assert app.quit() == 0
    assert_clean(bytes(app.output))
    payloads = re.findall(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)", bytes(app.output))
    copied = base64.b64decode(payloads[-1]).decode()
    assert "GDP [b]bold[/b]" in copied
    assert not [
        char for char in copied if char != "\n" and unicodedata.category(char) in {"Cc", "Cf"}
    ]


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "evil"], ["show", "plain-city"], ["search", "bold"]],
    ids=["list", "show", "show-city", "search"],
)
def test_batch_output_is_literal_and_clean(hostile: Path, args: list[str]) -> None:
    done = run_batch(args, hostile)
    assert done.returncode == 0, done.stderr
    assert_clean(done.stdout)
    assert_clean(done.stderr)
    assert b"\x1b" not in done.stdout
    assert b"[b]bold[/b]" in done.stdout


@pytest.mark.parametrize(
    "args",
    [["show", "evil"], ["list"], ["search", "bold"], ["export", "--format", "csv"]],
    ids=["show", "list", "search", "export-csv"],
)
@needs_pyte
def test_batch_output_on_a_terminal_is_clean(hostile: Path, args: list[str]) -> None:
    with PtyApp([*args, "--facts", str(hostile)], size=(160, 50)) as app:
        app.wait_for(lambda: not app.alive, 30)
        app.settle(0.2)
        assert not app.alive
        assert app.process is not None
        assert app.process.wait() == 0
    assert_clean(bytes(app.output))
    assert "[b]bold[/b]" in app.text or b"[b]bold[/b]" in app.output


def test_json_export_round_trips_every_string_exactly(hostile: Path) -> None:
    done = run_batch(["export", "--format", "json"], hostile)
    assert done.returncode == 0, done.stderr
    assert_clean(done.stdout)
    assert b"\x1b" not in done.stdout
    text = done.stdout.decode()
    assert json.loads(text)["title"] == "Hostile " + EVIL
    loaded, exported = load(hostile), from_json(text)
    assert exported.title == loaded.title
    assert exported.entities == loaded.entities
    assert exported.sources == loaded.sources


def test_csv_export_to_a_file_keeps_the_text_as_stored(hostile: Path, tmp_path: Path) -> None:
    output = tmp_path / "figures.csv"
    done = run_batch(["export", "--format", "csv", "-o", str(output)], hostile)
    assert done.returncode == 0, done.stderr
    assert ("GDP " + MARKUP + ATTACKS) in output.read_text(encoding="utf-8")


def test_markdown_export_is_text_for_reading(hostile: Path) -> None:
    done = run_batch(["export", "--format", "markdown"], hostile)
    assert done.returncode == 0, done.stderr
    assert_clean(done.stdout)
    assert b"\x1b" not in done.stdout
