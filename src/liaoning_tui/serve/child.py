"""One explorer process on its own pseudo-terminal, as a session leader with that terminal."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import functools
import os
import signal
import struct
import termios
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.confine import ChildLimits, prepare_child
from liaoning_tui.serve.crash import ErrorPipe
from liaoning_tui.serve.warm import WarmStart

READ_SIZE = 64 * 1024
INPUT_BACKLOG = 64 * 1024
"""Bytes waiting for the explorer to read them before the client is asked to pause."""
DRAIN_TIMEOUT = 1.0
"""How long output may keep coming after the process ended (a grandchild holding the terminal)."""


@dataclass(frozen=True, slots=True)
class TerminalSize:
    """Columns and rows, bounded so a client cannot ask for a screen that eats the server."""

    columns: int = 80
    rows: int = 24

    MAX_COLUMNS = 512
    MAX_ROWS = 256

    @classmethod
    def from_client(cls, width: int, height: int) -> TerminalSize:
        """The size a client asked for; zero (unknown) means the classic 80x24."""
        return cls(
            min(width, cls.MAX_COLUMNS) if width > 0 else 80,
            min(height, cls.MAX_ROWS) if height > 0 else 24,
        )


def _set_size(fd: int, size: TerminalSize) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size.rows, size.columns, 0, 0))


class Process(Protocol):
    """A started explorer: a process of the server's, or one forked by the fork server."""

    @property
    def pid(self) -> int: ...

    @property
    def returncode(self) -> int | None: ...

    async def wait(self) -> int: ...


class PtyChild:
    """A running process, its terminal's master side, and the flow of bytes both ways."""

    def __init__(
        self,
        process: Process,
        master: int,
        on_output: Callable[[bytes], None],
        on_backlog: Callable[[bool], None],
    ) -> None:
        self._process = process
        self._master = master
        self._on_output = on_output
        self._on_backlog = on_backlog
        self._loop = asyncio.get_running_loop()
        self._pending = bytearray()
        self._paused = False
        self._output_ended = asyncio.Event()
        self._loop.add_reader(master, self._read)

    @classmethod
    async def spawn(
        cls,
        argv: Sequence[str],
        environment: Mapping[str, str],
        size: TerminalSize,
        on_output: Callable[[bytes], None],
        on_backlog: Callable[[bool], None],
        limits: ChildLimits,
        pass_fds: Sequence[int] = (),
    ) -> PtyChild:
        """Start `argv` on a new terminal of `size`; OSError if it cannot start."""
        master, slave = os.openpty()
        try:
            _set_size(master, size)
            os.set_blocking(master, False)
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=dict(environment),
                start_new_session=True,
                preexec_fn=functools.partial(prepare_child, limits),
                pass_fds=pass_fds,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        return cls(process, master, on_output, on_backlog)

    @classmethod
    async def fork(
        cls,
        warm: WarmStart,
        environment: Mapping[str, str],
        size: TerminalSize,
        on_output: Callable[[bytes], None],
        on_backlog: Callable[[bool], None],
        errors: int,
    ) -> PtyChild:
        """As `spawn`, from the fork server (which applies the same limits before the app)."""
        master, slave = os.openpty()
        try:
            _set_size(master, size)
            os.set_blocking(master, False)
            process = await warm.spawn(slave, errors, environment)
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        return cls(process, master, on_output, on_backlog)

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.returncode

    def write(self, data: bytes) -> None:
        """Send the client's keys to the explorer, never blocking the server."""
        if self._output_ended.is_set():
            return
        if not self._pending:
            try:
                data = data[os.write(self._master, data) :]
            except BlockingIOError:
                pass
            except OSError:
                return
            if not data:
                return
            self._loop.add_writer(self._master, self._flush)
        self._pending += data
        if len(self._pending) > INPUT_BACKLOG:
            self._on_backlog(True)

    def _flush(self) -> None:
        try:
            del self._pending[: os.write(self._master, self._pending)]
        except BlockingIOError:
            return
        except OSError:
            self._pending.clear()
        if not self._pending:
            self._loop.remove_writer(self._master)
            self._on_backlog(False)

    def _read(self) -> None:
        try:
            data = os.read(self._master, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            self._on_output(data)
        else:
            self._end_output()

    def _end_output(self) -> None:
        if not self._output_ended.is_set():
            self._output_ended.set()
            self._loop.remove_reader(self._master)
            self._loop.remove_writer(self._master)

    def pause_output(self) -> None:
        """Stop reading the explorer's output while the client's link is full."""
        if not self._paused and not self._output_ended.is_set():
            self._paused = True
            self._loop.remove_reader(self._master)

    def resume_output(self) -> None:
        if self._paused and not self._output_ended.is_set():
            self._paused = False
            self._loop.add_reader(self._master, self._read)

    def resize(self, size: TerminalSize) -> None:
        """Tell the terminal and the explorer's process group the new size."""
        if self._output_ended.is_set():
            return
        _set_size(self._master, size)
        self._signal(signal.SIGWINCH)

    def _signal(self, number: signal.Signals) -> None:
        if self._process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, number)

    async def wait(self) -> int:
        """The exit status once the process has ended and its last output has been read."""
        returncode = await self._process.wait()
        if not self._paused:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._output_ended.wait(), DRAIN_TIMEOUT)
        self.close()
        return returncode

    async def terminate(self, grace: float) -> int:
        """Hang up on the process group, then kill it if it is still there after `grace`."""
        if self._process.returncode is None:
            for number in (signal.SIGHUP, signal.SIGTERM, signal.SIGCONT):
                self._signal(number)
            try:
                await asyncio.wait_for(asyncio.shield(self._process.wait()), grace)
            except TimeoutError:
                self._signal(signal.SIGKILL)
        returncode = await self._process.wait()
        self.close()
        return returncode

    def close(self) -> None:
        """Let go of the terminal; idempotent."""
        if self._master < 0:
            return
        self._end_output()
        os.close(self._master)
        self._master = -1


async def start_child(
    config: ServeConfig,
    environment: Mapping[str, str],
    size: TerminalSize,
    on_output: Callable[[bytes], None],
    on_backlog: Callable[[bool], None],
    errors: ErrorPipe,
) -> PtyChild:
    """The session's explorer: forked warm when the server has a fork server, else run."""
    if config.warm is not None:
        return await PtyChild.fork(
            config.warm, environment, size, on_output, on_backlog, errors.write_end
        )
    return await PtyChild.spawn(
        config.command,
        environment,
        size,
        on_output=on_output,
        on_backlog=on_backlog,
        limits=config.child_limits,
        pass_fds=(errors.write_end,),
    )
