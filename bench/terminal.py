"""A program on a real pseudo-terminal, read through a terminal emulator, timed byte by byte."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pyte

DOWN = "\x1b[B"
UP = "\x1b[A"
ESCAPE = "\x1b"


class BenchError(RuntimeError):
    """The program under test did not do what the benchmark waits for."""


@dataclass(frozen=True, slots=True)
class Settled:
    """What one key caused: bytes written and the time from the key to the last of them."""

    bytes: int
    seconds: float
    answered: float = 0.0
    """Seconds from the key to the output that showed what was waited for."""


def _own_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """One child process on its own pseudo-terminal of a fixed size.

    Every chunk the child writes is read as soon as it arrives, timestamped and fed to a pyte
    screen, so "the screen shows X" and "no output for a while" are both observable.
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        columns: int = 80,
        lines: int = 24,
    ) -> None:
        self.screen = pyte.Screen(columns, lines)
        self._stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self._master = master
        self.total_bytes = 0
        self.exited = False
        self.peak_kib = 0
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            start_new_session=True,
            preexec_fn=_own_terminal,
            close_fds=True,
        )
        os.close(slave)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.kill()

    @property
    def text(self) -> str:
        """The screen as plain lines (pyte's `display` fails on half-overwritten wide chars)."""
        screen = self.screen
        return "\n".join(
            "".join(screen.buffer[y][x].data for x in range(screen.columns))
            for y in range(screen.lines)
        )

    def _read(self, timeout: float) -> tuple[float, int] | None:
        """One chunk: when it arrived and its size; None when nothing came within `timeout`."""
        if self.exited:
            return None
        ready, _, _ = select.select([self._master], [], [], max(0.0, timeout))
        if not ready:
            return None
        arrived = time.perf_counter()
        try:
            data = os.read(self._master, 1 << 16)
        except OSError:
            data = b""
        if not data:
            self.exited = True
            return None
        self.total_bytes += len(data)
        self._stream.feed(data)
        return arrived, len(data)

    def wait_for(self, shown: Callable[[str], bool], timeout: float) -> float:
        """The moment the screen first satisfies `shown`."""
        deadline = time.perf_counter() + timeout
        while not shown(self.text):
            chunk = self._read(deadline - time.perf_counter())
            if chunk is None:
                why = "exited" if self.exited else f"showed nothing new for {timeout:.0f} s"
                raise BenchError(f"the program {why}; its screen:\n{self.text}")
            if shown(self.text):
                return chunk[0]
        return time.perf_counter()

    def settle(self, quiet: float, since: float, timeout: float = 30.0) -> Settled:
        """Read until nothing comes for `quiet` seconds; bytes and time since `since`."""
        return self._drain(quiet, since, time.perf_counter() + timeout, None)

    def press(
        self,
        keys: str,
        quiet: float,
        timeout: float = 30.0,
        until: Callable[[str], bool] | None = None,
    ) -> Settled:
        """Send `keys`, wait for the screen to change (and satisfy `until`), then to settle.

        A program busy for longer than `quiet` before it answers is waited for: the key counts
        as answered only once output has come.
        """
        sent = time.perf_counter()
        os.write(self._master, keys.encode())
        return self._drain(quiet, sent, sent + timeout, until or (lambda _: True))

    def _drain(
        self,
        quiet: float,
        since: float,
        deadline: float,
        awaited: Callable[[str], bool] | None,
    ) -> Settled:
        count = 0
        last = answered = since
        waiting = awaited is not None
        while (now := time.perf_counter()) < deadline:
            chunk = self._read(deadline - now if waiting else quiet)
            if chunk is None:
                if waiting:
                    break
                return Settled(count, last - since, answered - since)
            last = chunk[0]
            count += chunk[1]
            if waiting and awaited is not None and awaited(self.text):
                waiting = False
                answered = last
        raise BenchError(f"the screen did not answer and settle in time; it shows:\n{self.text}")

    def feed(self, data: bytes, timeout: float = 120.0) -> None:
        """Write `data` as fast as the program takes it, reading its output meanwhile."""
        view = memoryview(data)
        deadline = time.perf_counter() + timeout
        while view and time.perf_counter() < deadline:
            _, writable, _ = select.select([], [self._master], [], 0.05)
            if writable:
                view = view[os.write(self._master, view[:4096]) :]
            self._read(0)
        if view:
            raise BenchError(f"the program took only {len(data) - len(view)} of {len(data)} bytes")

    def quit(self, keys: str = "q", timeout: float = 10.0) -> int:
        """Ask the program to leave; its peak resident memory in KiB (killed if it will not)."""
        os.write(self._master, keys.encode())
        deadline = time.perf_counter() + timeout
        while not self._reap(block=False) and time.perf_counter() < deadline:
            self._read(0.05)
        return self.kill()

    def kill(self) -> int:
        """Stop the child if it still runs and release the terminal; its peak memory in KiB."""
        if not self._reap(block=False):
            os.killpg(self.process.pid, signal.SIGKILL)
            self._reap(block=True)
        if self._master >= 0:
            os.close(self._master)
            self._master = -1
        return self.peak_kib

    def _reap(self, block: bool) -> bool:
        """Wait for the child with wait4, which alone keeps its resource usage."""
        if self.process.returncode is not None:
            return True
        pid, status, usage = os.wait4(self.process.pid, 0 if block else os.WNOHANG)
        if pid == 0:
            return False
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.peak_kib = usage.ru_maxrss
        return True
