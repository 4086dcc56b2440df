"""Bytes a hostile or broken terminal sends: never UTF-8, floods, endless sequences.

The filter is checked on its own, case by case; then the real explorer on a real pty gets each
class of input and must keep running, answer a key and stay small.
"""

from __future__ import annotations

import os
import select
import time
from pathlib import Path

import pytest

from liaoning_tui.ui.input_filter import (
    BURST,
    COALESCE,
    PASTE_END,
    PASTE_LIMIT,
    PASTE_START,
    InputFilter,
)
from tests.conftest import MINIMAL
from tests.pty_app import PtyApp, needs_pyte

NOT_UTF8 = {
    "0xff": b"\xff",
    "latin-1": "café".encode("latin-1"),
    "overlong": b"\xc0\xaf",
    "surrogate": b"\xed\xa0\x80",
    "cut short": b"\xe4\xb8",
}
MEMORY_LIMIT_KB = 300 * 1024
ANSWER_SECONDS = 10.0
"""Generous on a loaded 2-core machine; before the filter the same floods took minutes."""


def test_bytes_that_are_not_utf8_become_replacement_characters() -> None:
    screen = InputFilter()
    for name, data in NOT_UTF8.items():
        text = screen.feed(data + b"!", 0.0)
        assert "\ufffd" in text and text.endswith("!"), name
    assert screen.feed("中文".encode(), 0.0) == "中文"


def test_x10_mouse_reports_are_dropped_whatever_their_coordinates() -> None:
    screen = InputFilter()
    assert screen.feed(b"\x1b[M\x20\xff\xff" + b"k", 0.0) == "k"
    assert screen.feed(b"\x1b[<0;300;240M", 0.0) == "\x1b[<0;300;240M"


def test_a_long_csi_sequence_is_dropped_whole() -> None:
    screen = InputFilter()
    assert screen.feed(b"\x1b[" + b"1;" * 500_000 + b"Hk", 0.0) == "k"
    assert screen.feed(b"\x1b[1;5A", 0.0) == "\x1b[1;5A"


def test_strings_are_dropped_and_an_endless_one_ends_when_input_pauses() -> None:
    screen = InputFilter()
    assert screen.feed(b"\x1b]52;c;aGk=\x07a\x1bP+q\x1b\\b", 0.0) == "ab"
    assert screen.feed(b"\x1b]0;" + b"x" * 500_000, 0.0) == ""
    assert screen.feed(b"still the title", 0.1) == ""
    assert screen.idle(1.0) == ""
    assert screen.feed(b"k", 1.0) == "k"


def test_a_paste_is_cut_to_its_limit_and_ends_even_without_its_marker() -> None:
    screen = InputFilter()
    pasted = screen.feed(PASTE_START.encode() + b"x" * 1_000_000 + b"\x1b[20", 0.0)
    pasted += screen.feed(b"1~k", 0.0)
    assert pasted == PASTE_START + "x" * PASTE_LIMIT + PASTE_END + "k"
    assert screen.feed(PASTE_START.encode() + b"never ends", 0.0) == PASTE_START + "never ends"
    assert screen.idle(0.5) == ""
    assert screen.idle(2.0) == PASTE_END


def test_keys_faster_than_a_person_types_are_dropped() -> None:
    screen = InputFilter()
    typed = "".join(screen.feed(b"j", 0.0) for _ in range(1000))
    assert typed == "j" * BURST
    assert screen.feed(b"\x1b[B" * 1000, 0.0) == ""
    assert screen.feed(b"\x1b[B", 0.5) == "\x1b[B"
    assert screen.dropped == 1000 - BURST + 1000


def test_a_long_run_of_text_in_one_read_is_one_paste() -> None:
    screen = InputFilter()
    assert screen.feed(b"x" * (COALESCE - 1), 0.0) == "x" * (COALESCE - 1)
    pasted = screen.feed(b"Liaoning " * 100_000, 0.0)
    assert pasted == PASTE_START + ("Liaoning " * 1000)[:PASTE_LIMIT] + PASTE_END


def test_a_lone_escape_goes_on_after_a_moment() -> None:
    screen = InputFilter()
    assert screen.feed(b"\x1b", 0.0) == ""
    assert screen.idle(0.01) == ""
    assert screen.idle(0.1) == "\x1b"
    assert screen.feed(b"\x1b\x1bx", 0.2) == "\x1b\x1bx"


# The real explorer on a real pty


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-input") / "facts.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


def peak_memory_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def send(app: PtyApp, data: bytes, seconds: float = 60.0) -> float:
    """Write `data` to the app while reading what it draws; how long the app took to take it."""
    begun = time.monotonic()
    view = memoryview(data)
    while view and time.monotonic() - begun < seconds:
        _, ready, _ = select.select([], [app.master], [], 0.05)
        if ready:
            view = view[os.write(app.master, view[:4096]) :]
        app.read(0)
    assert not view, f"the app took only {len(data) - len(view)} of {len(data)} bytes"
    return time.monotonic() - begun


def answers(app: PtyApp) -> None:
    """`?` opens the help and Escape closes it again, each within `ANSWER_SECONDS`.

    A key that comes while the filter is still dropping the tail of a flood may be dropped with
    it, by design (a reader presses again): on a loaded machine `?` is pressed again every 2 s.
    """
    app.settle(quiet=0.5, seconds=ANSWER_SECONDS)
    for _ in range(int(ANSWER_SECONDS / 2)):
        app.press("question_mark")
        if app.wait_for_text("esc to close", 2.0):
            break
    assert "esc to close" in app.text, app.text
    app.press("escape")
    assert app.wait_for(lambda: "esc to close" not in app.text, ANSWER_SECONDS), app.text


@needs_pyte
def test_the_explorer_takes_any_bytes_and_shows_them_as_replacement_characters(
    facts: Path,
) -> None:
    with PtyApp(["--facts", str(facts)], size=(100, 30)) as app:
        assert app.wait_for_text("Overview")
        app.press("slash")
        assert app.wait_for_text("Search")
        for data in NOT_UTF8.values():
            send(app, data)
        send(app, b"\x1b[M\x20\xff\xff\x1b[M\x20\xc3\xbf\xc3\xbf")
        app.press("z")
        assert app.wait_for_text("\ufffdcaf\ufffd\ufffd\ufffd"), app.text
        assert app.alive
        app.press("escape")
        assert app.quit() == 0
    assert b"UnicodeDecodeError" not in app.output and b"Traceback" not in app.output


FLOODS = {
    "1 MB typed": b"j" * 1_000_000,
    "1 MB CSI parameters": b"\x1b[" + b"1;" * 500_000 + b"H",
    "0.5 MB unterminated OSC": b"\x1b]0;" + b"x" * 500_000,
}


@needs_pyte
def test_floods_stay_cheap_and_the_explorer_answers_after_each(facts: Path) -> None:
    with PtyApp(["--facts", str(facts)], size=(100, 30)) as app:
        assert app.wait_for_text("Overview")
        for name, data in FLOODS.items():
            send(app, data)
            answers(app)
            assert peak_memory_kb(app.process.pid) < MEMORY_LIMIT_KB, name  # type: ignore[union-attr]
        app.press("slash")
        assert app.wait_for_text("Search")
        send(app, PASTE_START.encode() + b"Liaoning " * 120_000 + PASTE_END.encode())
        app.settle(quiet=0.5, seconds=ANSWER_SECONDS)
        app.press("escape")
        answers(app)
        assert peak_memory_kb(app.process.pid) < MEMORY_LIMIT_KB  # type: ignore[union-attr]
        assert app.quit() == 0
