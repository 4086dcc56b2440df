"""Whether a client has stopped taking what the server sends it.

asyncssh sends as far as the client's window allows (a client may offer 4 GiB) and never tells a
session that the connection itself is full: asyncio then keeps whatever the socket does not take
in memory, without end. So the session looks at the socket's own queue and stops reading its
explorer's output while it is full (the explorer then waits on its terminal, costing nothing).
"""

from __future__ import annotations

import asyncio
import fcntl
import socket
import struct
import termios
from collections.abc import Callable
from typing import Protocol

import asyncssh

LINK_BACKLOG = 256 * 1024
"""Bytes sent and not yet taken by the client before the explorer's output is left unread."""
POLL = 0.05


class Paused(Protocol):
    def pause_output(self) -> None: ...

    def resume_output(self) -> None: ...


def link_is_full(channel: asyncssh.SSHServerChannel[bytes]) -> bool:
    if channel.get_write_buffer_size() > LINK_BACKLOG:
        return True
    sock = channel.get_extra_info("socket")
    if sock is None:
        return False
    try:
        unsent = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
        room = int(sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
    except OSError:
        return False
    # The kernel reports twice the buffer it keeps data in; once that fills, asyncio would queue
    # the rest in memory, so a send buffer half full already counts as a full link.
    return int(struct.unpack("i", unsent)[0]) >= min(LINK_BACKLOG, room // 4)


class LinkWait:
    """The explorer's output left unread until the client has taken what it was sent."""

    def __init__(
        self,
        channel: asyncssh.SSHServerChannel[bytes],
        child: Paused,
        gone: Callable[[], bool],
    ) -> None:
        self._channel = channel
        self._child = child
        self._gone = gone
        self.over = False
        child.pause_output()
        asyncio.get_running_loop().call_later(POLL, self._check)

    def _check(self) -> None:
        if self._gone():
            return
        if link_is_full(self._channel):
            asyncio.get_running_loop().call_later(POLL, self._check)
            return
        self.over = True
        self._child.resume_output()
