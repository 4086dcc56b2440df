"""The explorer in a real pseudo-terminal: bytes out as the terminal gets them, keys in as typed.

pyte (in the test extra) reads the screen; tests that use this skip with `needs_pyte` without it.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

import pytest

KEYS = {
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "enter": "\r",
    "tab": "\t",
    "escape": "\x1b",
    "backspace": "\x7f",
    "ctrl+p": "\x10",
    "question_mark": "?",
    "slash": "/",
    "space": " ",
}

ESCAPE_PAUSE = 0.3
needs_pyte = pytest.mark.skipif(
    importlib.util.find_spec("pyte") is None, reason="pyte is not installed"
)


def _take_terminal() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    """`python -m liaoning_tui ARGS` on a pty of a fixed size, read through a pyte screen."""

    def __init__(
        self,
        args: Sequence[str],
        size: tuple[int, int] = (100, 30),
        env: dict[str, str] | None = None,
    ) -> None:
        self.args = list(args)
        self.size = size
        self.env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            **(env or {}),
        }
        for name in ("COLUMNS", "LINES", "TEXTUAL", "NO_COLOR"):
            self.env.pop(name, None)
        import pyte

        self.output = bytearray()
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.master = -1
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PtyApp:
        self.master, slave = os.openpty()
        self._set_size(slave, self.size)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "liaoning_tui", *self.args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=self.env,
            preexec_fn=_take_terminal,
            close_fds=True,
        )
        os.close(slave)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    @staticmethod
    def _set_size(fd: int, size: tuple[int, int]) -> None:
        columns, rows = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def read(self, seconds: float) -> bytes:
        """Whatever the app writes within `seconds`; the pyte screen follows it."""
        got = bytearray()
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
        self.output += got
        self.stream.feed(bytes(got))
        return bytes(got)

    def wait_for(self, found: Callable[[], bool], seconds: float = 15.0) -> bool:
        """Read until `found()` holds or `seconds` pass."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if found():
                return True
            self.read(0.1)
            if self.process is not None and self.process.poll() is not None:
                self.read(0.2)
                return found()
        return found()

    def wait_for_text(self, text: str, seconds: float = 15.0) -> bool:
        return self.wait_for(lambda: text in self.text, seconds)

    def settle(self, quiet: float = 0.3, seconds: float = 10.0) -> None:
        """Read until the app has written nothing for `quiet` seconds."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.read(quiet):
            pass

    @property
    def text(self) -> str:
        """The pyte screen, line by line."""
        return "\n".join(self.screen.display)

    def press(self, *keys: str, pause: float = 0.05) -> None:
        """Type `keys`; a lone Escape waits long enough not to read as Alt with the next key."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())
            self.read(ESCAPE_PAUSE if key == "escape" else pause)

    def resize(self, columns: int, rows: int) -> None:
        """A new window size, announced with SIGWINCH as a terminal does."""
        self._set_size(self.master, (columns, rows))
        self.screen.resize(rows, columns)
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGWINCH)

    def quit(self, seconds: float = 10.0) -> int:
        """Press q and reap the process; its exit status."""
        assert self.process is not None
        self.press("q")
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        self.read(0.1)
        return self.process.wait(max(0.1, deadline - time.monotonic()))

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def run_batch(args: Sequence[str], facts: Path) -> subprocess.CompletedProcess[bytes]:
    """A batch command's bytes, as a pipe would get them."""
    return subprocess.run(
        [sys.executable, "-m", "liaoning_tui", *args, "--facts", str(facts)],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "TERM": "xterm-256color"},
    )
