"""Whether a client has stopped taking what the server sends it.

asyncssh sends as far as the client's window allows (a client may offer 4 GiB) and never tells a
session that the connection itself is full: asyncio then keeps whatever the socket does not take
in memory, without end. So the session looks at the socket's own queue and stops reading its
explorer's output while it is full (the explorer then waits on its terminal, costing nothing).
"""

from __future__ import annotations

import fcntl
import socket
import struct
import termios

import asyncssh

LINK_BACKLOG = 256 * 1024
"""Bytes sent and not yet taken by the client before the explorer's output is left unread."""


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
