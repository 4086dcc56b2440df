"""Textual's Linux driver with its input passed through `InputFilter` first.

Waits on Textualize/textual issue 6456 (a byte that is not UTF-8 kills the input thread): the
driver's own reading loop stays as it is, but it reads a pipe that a relay thread fills with
filtered input instead of the terminal. `fileno` is swapped only while the input thread runs, so
the terminal modes are still set and restored on the terminal itself.
"""

from __future__ import annotations

import os
import select
import sys
import threading
import time

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from liaoning_tui.ui.input_filter import InputFilter

READ_SIZE = 64 * 1024
POLL = 0.1
"""How often the relay looks whether the driver has stopped."""


def relay(source: int, sink: int, stop: threading.Event) -> None:
    """Copy filtered input from `source` to `sink` until `stop` is set or `source` ends."""
    screen = InputFilter(time.monotonic())
    while not stop.is_set():
        wait = screen.wait()
        ready, _, _ = select.select([source], [], [], POLL if wait is None else min(wait, POLL))
        now = time.monotonic()
        if ready:
            try:
                data = os.read(source, READ_SIZE)
            except OSError:
                data = b""
            if not data:
                return
            text = screen.feed(data, now)
        else:
            text = screen.idle(now)
        if text:
            try:
                os.write(sink, text.encode())
            except BlockingIOError:
                pass  # a full pipe means the app is far behind: what does not fit is dropped
            except OSError:
                return


class FilteredInputDriver(LinuxDriver):
    """LinuxDriver reading its input through `InputFilter`."""

    def run_input_thread(self) -> None:
        terminal = self.fileno
        reader, writer = os.pipe()
        os.set_blocking(writer, False)
        stop = threading.Event()
        copier = threading.Thread(
            target=relay, args=(terminal, writer, stop), name="input-filter", daemon=True
        )
        copier.start()
        self.fileno = reader
        try:
            super().run_input_thread()
        finally:
            self.fileno = terminal
            stop.set()
            copier.join(2 * POLL)
            os.close(reader)
            if not copier.is_alive():
                os.close(writer)


def driver_class() -> type[Driver] | None:
    """The filtering driver where Textual would use its Linux one; None leaves Textual's choice."""
    if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    return FilteredInputDriver
