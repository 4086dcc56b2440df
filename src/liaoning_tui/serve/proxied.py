"""Connections that come through a load balancer speaking the PROXY protocol (v1 or v2).

The balancer writes one header naming the reader's address before the SSH stream. It is
believed only from the listed proxy addresses: anyone else could name any address and so walk
past the per-address limits. The header is read off the socket byte-exactly (never more than it
holds), so the SSH stream behind it is left whole in the kernel for asyncssh to read.
"""

from __future__ import annotations

import asyncio
import socket

from proxyprotocol import ProxyProtocolIncompleteError
from proxyprotocol.detect import ProxyProtocolDetect
from proxyprotocol.result import is_ipv4, is_ipv6

HEADER_SECONDS = 5.0
"""A balancer writes its header at once; a peer that does not is dropped."""
MAX_HEADER = 16 + 1024
"""The addresses and the TLVs HAProxy sends fit well within this; v1 is at most 107 bytes."""
V1_MAX = 107


class HeaderError(Exception):
    """The header is missing, malformed, too long or too slow; the message says which."""


QUIET = "closed-unsaid"
"""A connection closed before sending a byte: a balancer's plain TCP health check, not counted
among the refusals."""


async def _recv_exactly(sock: socket.socket, count: int, first: bool) -> bytes:
    loop = asyncio.get_running_loop()
    data = b""
    while len(data) < count:
        chunk = await loop.sock_recv(sock, count - len(data))
        if not chunk:
            raise HeaderError(QUIET if first and not data else "closed-before-header")
        data += chunk
    return data


async def _read_header(sock: socket.socket) -> tuple[str, int] | None:
    """The reader's (address, port), or None for a balancer's own check (LOCAL, UNKNOWN)."""
    detect = ProxyProtocolDetect()
    data = b""
    want = 8
    while True:
        limit = V1_MAX if data.startswith(b"PROXY ") else MAX_HEADER
        if len(data) + want > limit:
            raise HeaderError("header-too-long")
        data += await _recv_exactly(sock, want, first=not data)
        try:
            result = detect.unpack(data)
        except ProxyProtocolIncompleteError as incomplete:
            wanted = incomplete.want_read
            want = 1 if wanted.want_line or not wanted.want_bytes else wanted.want_bytes
            continue
        except (ValueError, IndexError):
            raise HeaderError("bad-header") from None
        if is_ipv4(result) or is_ipv6(result):
            return str(result.source[0]), int(result.source[1])
        return None


async def read_origin(sock: socket.socket) -> tuple[str, int] | None:
    """Read the header within `HEADER_SECONDS`; HeaderError when it is not a good one."""
    try:
        return await asyncio.wait_for(_read_header(sock), HEADER_SECONDS)
    except TimeoutError:
        raise HeaderError("header-timeout") from None
    except OSError as error:
        raise HeaderError(f"socket-error:{error.errno}") from None
