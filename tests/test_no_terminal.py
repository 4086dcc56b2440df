"""The explorer refuses to start without a terminal, in one line with the batch commands to use,
exit 2 and nothing on stdout; a driver that brings its own input and output (the web's) is let
through."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

EXPLORER = [sys.executable, "-m", "liaoning_tui"]
HINT = "for a file or a pipe use liaoning-tui show ID, list, search TEXT or export --format FORMAT"
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def environment(**extra: str) -> dict[str, str]:
    kept = {name: value for name, value in os.environ.items() if name != "TEXTUAL_DRIVER"}
    return {**kept, "TERM": "xterm-256color", **extra}


def read_until_closed(fd: int, seconds: float) -> bytes:
    got = bytearray()
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the pty's other side closed: Linux says EIO
            break
        if not chunk:
            break
        got += chunk
    return bytes(got)


def test_no_terminal_at_all(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with out.open("wb") as stdout, Path(os.devnull).open("rb") as stdin:
        done = subprocess.run(
            EXPLORER,
            stdin=stdin,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=environment(),
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "liaoning-tui: the explorer needs a terminal, but stdin, stdout and stderr are not "
        f"terminals; {HINT}\n"
    )
    assert out.read_bytes() == b""


def test_stdout_piped_from_a_terminal() -> None:
    master, slave = os.openpty()
    try:
        process = subprocess.Popen(
            EXPLORER,
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=slave,
            env=environment(),
        )
        os.close(slave)
        stdout, _ = process.communicate(timeout=60)
        said = read_until_closed(master, 5)
    finally:
        os.close(master)
    assert process.returncode == 2
    assert stdout == b""
    expected = f"liaoning-tui: the explorer needs a terminal, but stdout is not a terminal; {HINT}"
    # the pty turns the line's "\n" into "\r\n"; nothing else was drawn on it
    assert said == expected.encode() + b"\r\n"


def test_stdin_from_a_file_on_a_terminal(tmp_path: Path) -> None:
    master, slave = os.openpty()
    try:
        with Path(os.devnull).open("rb") as stdin:
            process = subprocess.Popen(
                EXPLORER, stdin=stdin, stdout=slave, stderr=slave, env=environment()
            )
            os.close(slave)
            process.wait(timeout=60)
        said = read_until_closed(master, 5)
    finally:
        os.close(master)
    assert process.returncode == 2
    expected = f"liaoning-tui: the explorer needs a terminal, but stdin is not a terminal; {HINT}"
    assert said == expected.encode() + b"\r\n"


def test_the_web_driver_runs_on_pipes() -> None:
    """textual-serve starts the explorer on pipes with TEXTUAL_DRIVER naming its web driver."""
    process = subprocess.Popen(
        EXPLORER,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(TEXTUAL_DRIVER=WEB_DRIVER, COLUMNS="80", ROWS="24"),
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 60)
        first = process.stdout.readline() if ready else b""
        assert process.poll() is None
    finally:
        process.kill()
        _, errors = process.communicate(timeout=10)
    assert first == b"__GANGLION__\n"  # the web driver's greeting to textual-serve
    assert b"needs a terminal" not in errors
