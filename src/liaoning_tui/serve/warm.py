"""The SSH server's side of the fork server: start it, ask it for an explorer, hear it end."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from liaoning_tui.serve.confine import ChildLimits

ANSWER_SIZE = 64
ANSWER_SECONDS = 30.0
"""How long a fork server may take to fork (it may be loading a large fact base again)."""
KILLED = -signal.SIGKILL
"""The status of an explorer whose fork server died: it was killed with it."""


class ForkedProcess:
    """An explorer forked by the fork server: its pid, and its exit status once reaped."""

    def __init__(self, pid: int, answer: socket.socket) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._answer = answer
        self._ended = asyncio.ensure_future(self._hear_end())

    async def _hear_end(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            message = await loop.sock_recv(self._answer, ANSWER_SIZE)
        except OSError:
            message = b""
        finally:
            self._answer.close()
        kind, _, value = message.decode("ascii", "replace").partition(" ")
        self.returncode = int(value) if kind == "exit" else KILLED

    async def wait(self) -> int:
        await asyncio.shield(self._ended)
        assert self.returncode is not None
        return self.returncode


class WarmStart:
    """A running fork server for the fact base at `facts`, restarted if it dies."""

    def __init__(self, facts: Path, limits: ChildLimits) -> None:
        self._facts = facts
        self._limits = limits
        self._control: socket.socket | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        environment = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
        limits = self._limits
        try:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "liaoning_tui.serve.forkserver",
                    str(theirs.fileno()),
                    str(self._facts),
                    *map(str, (limits.nice, limits.memory_mib, limits.cpu_seconds)),
                ],
                pass_fds=(theirs.fileno(),),
                env=environment,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.setblocking(False)  # a stuck fork server fails a session, never stalls the server
        self._control = ours

    def stop(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            self.process.wait()
            self.process = None

    def _alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def spawn(self, slave: int, errors: int, environment: Mapping[str, str]) -> ForkedProcess:
        """Fork an explorer on the terminal whose slave side is `slave`; OSError if it cannot."""
        if not self._alive():
            self.stop()
            self.start()
        assert self._control is not None
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            ours.setblocking(False)
            request = json.dumps(dict(environment)).encode()
            socket.send_fds(self._control, [request], [slave, errors, theirs.fileno()])
        except OSError:
            ours.close()
            raise
        finally:
            theirs.close()
        loop = asyncio.get_running_loop()
        try:
            message = await asyncio.wait_for(loop.sock_recv(ours, ANSWER_SIZE), ANSWER_SECONDS)
        except (OSError, TimeoutError) as error:
            ours.close()
            raise OSError(0, "the fork server did not answer") from error
        kind, _, value = message.decode("ascii", "replace").partition(" ")
        if kind != "pid":
            ours.close()
            number = int(value) if value.isdigit() else 0
            raise OSError(number, os.strerror(number) if number else "the fork server has gone")
        return ForkedProcess(int(value), ours)
