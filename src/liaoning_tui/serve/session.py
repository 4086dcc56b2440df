"""One SSH session: an interactive terminal joined to its own explorer process."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
from collections.abc import Callable, Mapping

import asyncssh

from liaoning_tui.serve.child import PtyChild, TerminalSize, start_child
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.crash import CRASHED, ErrorPipe, numbers
from liaoning_tui.serve.endings import (
    NO_COMMANDS,
    NO_TERMINAL,
    NOT_STARTED,
    RESET_TERMINAL,
    SESSION_WARNING,
    Ending,
    describe,
    time_notice,
    time_up,
)
from liaoning_tui.serve.environment import DEFAULT_TERM, child_environment
from liaoning_tui.serve.limits import Limits
from liaoning_tui.serve.link import LinkWait, link_is_full
from liaoning_tui.serve.log import clean
from liaoning_tui.serve.presses import pressed
from liaoning_tui.serve.report import ERROR_FD

EARLY_INPUT = 4096
"""Keys typed while the explorer starts are kept, up to this many bytes."""
MAX_TERM = 64
GOODBYE_WAIT = 2.0


class ExplorerSession(asyncssh.SSHServerSession[bytes]):
    """Accepts a shell request with a terminal and nothing else; runs one explorer for it."""

    def __init__(
        self,
        config: ServeConfig,
        limits: Limits,
        address: str,
        peer: str,
        on_input: Callable[[], None],
        on_end: Callable[[ExplorerSession], None],
    ) -> None:
        self._config = config
        self._limits = limits
        self._address = address
        self._peer = peer
        self.number = next(numbers)
        """Names the session in the log, to join its lines."""
        self._on_input = on_input
        self._on_end = on_end
        self._channel: asyncssh.SSHServerChannel[bytes] | None = None
        self._term: str | None = None
        self._command = False
        self._size = TerminalSize()
        self._child: PtyChild | None = None
        self._early_input = bytearray()
        self._task: asyncio.Task[None] | None = None
        self._ending: Ending | None = None
        self._stopping = asyncio.Event()
        self._client_gone = False
        self._link: LinkWait | None = None
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
        # Accepted only to be answered: a refused request leaves OpenSSH's client saying just
        # "exec request failed", and nothing the server sent before it is shown.
        self._command = True
        return True

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
        if pressed(data):
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
        await self._goodbye()

    async def _goodbye(self) -> None:
        """The last words and the terminal reset are only queued, and the connection may be
        closed right after: wait (briefly) for the client to have taken them."""
        if self._channel is not None and not self._client_gone:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._channel.wait_closed(), GOODBYE_WAIT)

    async def _run(self) -> None:
        try:
            await self._serve()
        finally:
            self._on_end(self)

    async def _serve(self) -> None:
        if self._command:
            self.status = "refused exec"
            self._refuse(NO_COMMANDS)
            await self._goodbye()
            return
        if self._term is None:
            self.status = "refused (no terminal)"
            self._refuse(NO_TERMINAL)
            await self._goodbye()
            return
        refusal = self._limits.acquire(self._address)
        if refusal is not None:
            self.status = "refused (limit)"
            self._refuse(refusal)
            await self._goodbye()
            return
        try:
            await self._explore()
        finally:
            self._limits.release(self._address)

    async def _explore(self) -> None:
        channel = self._channel
        assert channel is not None and self._term is not None
        environment = child_environment(self._term, channel.get_environment())
        errors = ErrorPipe()
        environment[ERROR_FD] = str(errors.write_end)
        try:
            self._child = child = await start_child(
                self._config, environment, self._size, self._send, self._pause_input, errors
            )
        except OSError as error:
            errors.close()
            self.status = f"failed to start ({error.strerror or error})"
            self._refuse(NOT_STARTED)
            return
        errors.child_started()
        self._config.log.write(
            "session",
            self._peer,
            session=self.number,
            term=clean(self._term, 64),
            size=f"{self._size.columns}x{self._size.rows}",
        )
        if self._early_input:
            child.write(bytes(self._early_input))
        loop = asyncio.get_running_loop()
        lifetime = self._config.max_session_time
        timers = [
            loop.call_later(max(0.0, lifetime - SESSION_WARNING), self._warn, lifetime),
            loop.call_later(lifetime, self._time_up, lifetime),
        ]
        ended = asyncio.create_task(child.wait())
        stopping = asyncio.create_task(self._stopping.wait())
        await asyncio.wait({ended, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        for timer in timers:
            timer.cancel()
        if not ended.done():
            await child.terminate(self._config.grace)
        returncode = await ended
        self.status = describe(returncode)
        report = await errors.text()
        if self._ending is not None:
            self.status += f" ({self._ending.label})"
            self._refuse(self._ending.message, RESET_TERMINAL + b"\r\n")
        elif (report and returncode != 0) or (returncode < 0 and not self._client_gone):
            self.status += " (crashed)"
            self._config.log.crash(self._peer, self.number, self.status, report)
            self._refuse(CRASHED, RESET_TERMINAL + b"\r\n")
        else:
            self._exit(returncode)

    def _warn(self, lifetime: float) -> None:
        if not self._client_gone and self._channel is not None:
            with contextlib.suppress(OSError):
                self._channel.write(time_notice(min(SESSION_WARNING, lifetime), self._size.rows))

    def _time_up(self, lifetime: float) -> None:
        self._ending = self._ending or time_up(lifetime)
        self._stopping.set()

    def _send(self, data: bytes) -> None:
        if self._client_gone or self._channel is None:
            return
        try:
            self._channel.write(data)
        except OSError:  # the client closed its side; the explorer is ended on connection_lost
            return
        waiting = self._link is not None and not self._link.over
        if self._child is not None and not waiting and link_is_full(self._channel):
            self._link = LinkWait(self._channel, self._child, lambda: self._client_gone)

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
            with contextlib.suppress(OSError):  # a channel the client is already closing
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
