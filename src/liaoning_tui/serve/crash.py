"""The server's side of crash reports: a pipe per explorer for its errors, read as they come.

Whatever an explorer writes there (a traceback, with the server's paths and source lines) is
kept for the log, up to `LIMIT` bytes, and never reaches the reader.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os

LIMIT = 64 * 1024
WAIT = 1.0
"""How long the error text may keep coming after the explorer ended."""
CRASHED = "liaoning-tui stopped unexpectedly; the error was logged."
numbers = itertools.count(1)


class ErrorPipe:
    """A pipe whose write end the explorer inherits; the read end is drained into memory."""

    def __init__(self) -> None:
        self._read_end, self.write_end = os.pipe()
        os.set_blocking(self._read_end, False)
        self._loop = asyncio.get_running_loop()
        self._text = bytearray()
        self._ended = asyncio.Event()
        self._loop.add_reader(self._read_end, self._read)

    def child_started(self) -> None:
        """The explorer holds the write end now; only its copy may keep the pipe open."""
        if self.write_end >= 0:
            os.close(self.write_end)
            self.write_end = -1

    def _read(self) -> None:
        try:
            data = os.read(self._read_end, LIMIT)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._loop.remove_reader(self._read_end)
            self._ended.set()
        elif len(self._text) < LIMIT:
            self._text += data[: LIMIT - len(self._text)]

    async def text(self) -> str:
        """Everything written, once the pipe is closed (or `WAIT` after asking)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._ended.wait(), WAIT)
        self.close()
        return self._text.decode("utf-8", "replace")

    def close(self) -> None:
        self.child_started()
        if self._read_end >= 0:
            self._loop.remove_reader(self._read_end)
            os.close(self._read_end)
            self._read_end = -1
