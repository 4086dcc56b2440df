"""One SSH session: an interactive terminal joined to its own explorer process."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import fcntl
import signal
import socket
import struct
import termios
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import asyncssh

from liaoning_tui.serve.child import PtyChild, TerminalSize
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.environment import DEFAULT_TERM, child_environment
from liaoning_tui.serve.limits import Limits

NO_TERMINAL = (
    "liaoning-tui only runs its interactive explorer, which needs a terminal: "
    "connect with `ssh -t` and without a command."
)
NOT_STARTED = "The explorer could not start on the server; please tell whoever runs it."
EARLY_INPUT = 4096
"""Keys typed while the explorer starts are kept, up to this many bytes."""
RESET_TERMINAL = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?1049l\x1b[?25h\x1b[0m"
)
"""Mouse reporting, bracketed paste and the alternate screen off, cursor on: what an explorer
that was stopped from outside had no chance to undo."""
MAX_TERM = 64
LINK_BACKLOG = 256 * 1024
"""Bytes sent to the client and not yet taken by it before the explorer's output is left unread.
asyncssh sends as far as the client's window allows (a client may offer 4 GiB) and never tells
a session that the connection itself is full, so the session looks at the socket's queue."""
LINK_POLL = 0.05
GOODBYE_WAIT = 2.0


@dataclass(frozen=True, slots=True)
class Ending:
    """Why the server ended a session: a word for the log, a sentence for the reader."""

    label: str
    message: str


def describe(returncode: int) -> str:
    """An exit status for the log: the number, or the signal's name."""
    if returncode >= 0:
        return str(returncode)
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


class ExplorerSession(asyncssh.SSHServerSession[bytes]):
    """Accepts a shell request with a terminal and nothing else; runs one explorer for it."""

    def __init__(
        self,
        config: ServeConfig,
        limits: Limits,
        address: str,
        on_input: Callable[[], None],
        on_end: Callable[[ExplorerSession], None],
    ) -> None:
        self._config = config
        self._limits = limits
        self._address = address
        self._on_input = on_input
        self._on_end = on_end
        self._channel: asyncssh.SSHServerChannel[bytes] | None = None
        self._term: str | None = None
        self._size = TerminalSize()
        self._child: PtyChild | None = None
        self._early_input = bytearray()
        self._task: asyncio.Task[None] | None = None
        self._ending: Ending | None = None
        self._stopping = asyncio.Event()
        self._client_gone = False
        self._link_full = False
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        self.status = "not started"
        """What became of the session, for the log."""

    @property
    def pid(self) -> int | None:
        return None if self._child is None else self._child.pid

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._channel = chan

    def pty_requested(
        self,
        term_type: str,
        term_size: tuple[int, int, int, int],
        term_modes: Mapping[int, int],
    ) -> bool:
        if len(term_type) > MAX_TERM:
            return False
        self._term = term_type or DEFAULT_TERM
        self._size = TerminalSize.from_client(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.status = "refused exec"
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        self.status = "refused subsystem"
        return False

    def session_started(self) -> None:
        self._task = asyncio.create_task(self._run())

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._size = TerminalSize.from_client(width, height)
        if self._child is not None:
            self._child.resize(self._size)

    def data_received(self, data: bytes, datatype: int | None) -> None:
        self._on_input()
        # The explorer gets only valid UTF-8 (Textualize/textual issue 6456); its own driver
        # filters too, but this keeps any other program on the terminal safe as well.
        data = self._decode(data).encode()
        if self._child is not None:
            self._child.write(data)
        elif len(self._early_input) < EARLY_INPUT:
            self._early_input += data

    def eof_received(self) -> bool:
        return True

    def pause_writing(self) -> None:
        if self._child is not None:
            self._child.pause_output()

    def resume_writing(self) -> None:
        if self._child is not None:
            self._child.resume_output()

    def connection_lost(self, exc: Exception | None) -> None:
        self._client_gone = True
        self._stopping.set()
        if self._task is None:
            self._on_end(self)

    async def stop(self, ending: Ending) -> None:
        """End the explorer, tell the reader why, and close the session."""
        if self._ending is None:
            self._ending = ending
        self._stopping.set()
        if self._task is not None:
            await asyncio.shield(self._task)
        elif self._channel is not None:
            self._refuse(ending.message)
        if self._channel is not None and not self._client_gone:
            # The goodbye and the terminal reset are only queued; the connection is closed
            # right after, so wait (briefly) for the client to have taken them.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._channel.wait_closed(), GOODBYE_WAIT)

    async def _run(self) -> None:
        try:
            await self._serve()
        finally:
            self._on_end(self)

    async def _serve(self) -> None:
        if self._term is None:
            self.status = "refused (no terminal)"
            self._refuse(NO_TERMINAL)
            return
        refusal = self._limits.acquire(self._address)
        if refusal is not None:
            self.status = "refused (limit)"
            self._refuse(refusal)
            return
        try:
            await self._explore()
        finally:
            self._limits.release(self._address)

    async def _explore(self) -> None:
        channel = self._channel
        assert channel is not None and self._term is not None
        environment = child_environment(self._term, channel.get_environment())
        try:
            self._child = child = await PtyChild.spawn(
                self._config.command,
                environment,
                self._size,
                on_output=self._send,
                on_backlog=self._pause_input,
            )
        except OSError as error:
            self.status = f"failed to start ({error.strerror or error})"
            self._refuse(NOT_STARTED)
            return
        if self._early_input:
            child.write(bytes(self._early_input))
        ended = asyncio.create_task(child.wait())
        stopping = asyncio.create_task(self._stopping.wait())
        await asyncio.wait({ended, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not ended.done():
            await child.terminate(self._config.grace)
        returncode = await ended
        self.status = describe(returncode)
        if self._ending is not None:
            self.status += f" ({self._ending.label})"
            self._refuse(self._ending.message, RESET_TERMINAL + b"\r\n")
        else:
            self._exit(returncode)

    def _send(self, data: bytes) -> None:
        if self._client_gone or self._channel is None:
            return
        self._channel.write(data)
        if not self._link_full and self._link_is_full():
            self._link_full = True
            if self._child is not None:
                self._child.pause_output()
            asyncio.get_running_loop().call_later(LINK_POLL, self._check_link)

    def _link_is_full(self) -> bool:
        """Whether the client has left too much of what was sent to it untaken."""
        assert self._channel is not None
        if self._channel.get_write_buffer_size() > LINK_BACKLOG:
            return True
        sock = self._channel.get_extra_info("socket")
        if sock is None:
            return False
        try:
            unsent = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
            room = int(sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
        except OSError:
            return False
        # The kernel reports twice the buffer it keeps data in; once that fills, asyncio
        # would queue the rest in memory, so half of it full already counts as a full link.
        return int(struct.unpack("i", unsent)[0]) >= min(LINK_BACKLOG, room // 4)

    def _check_link(self) -> None:
        if self._client_gone or self._channel is None:
            return
        if self._link_is_full():
            asyncio.get_running_loop().call_later(LINK_POLL, self._check_link)
            return
        self._link_full = False
        if self._child is not None:
            self._child.resume_output()

    def _pause_input(self, paused: bool) -> None:
        if self._channel is None or self._client_gone:
            return
        if paused:
            self._channel.pause_reading()
        else:
            self._channel.resume_reading()

    def _refuse(self, message: str, before: bytes = b"") -> None:
        """Say why in one line on stderr, then close with status 1."""
        if not self._client_gone and self._channel is not None:
            self._channel.write(before)
            self._channel.write_stderr(message.encode() + b"\r\n")
        self._exit(1)

    def _exit(self, returncode: int) -> None:
        if self._client_gone or self._channel is None:
            return
        with contextlib.suppress(OSError):
            if returncode >= 0:
                self._channel.exit(returncode)
            else:
                name = describe(returncode)
                self._channel.exit_with_signal(name.removeprefix("SIG"))
