"""Listening behind a load balancer: accept, read the PROXY header, then hand the socket to
asyncssh with the reader's address.

asyncssh's own listener starts the SSH stream at once, so with the PROXY protocol the server
accepts for itself and gives asyncssh each connection once its header is read.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable

from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.proxied import QUIET, HeaderError, read_origin
from liaoning_tui.serve.proxies import ProxyPolicy

BACKLOG = 1024
ACCEPT_RETRY_SECONDS = 0.1
"""After an accept fails (no file descriptor left), as asyncio's own listener waits."""

Origin = tuple[str, int]
Handshake = Callable[[socket.socket, Origin], Awaitable[None]]


class ProxiedAcceptor:
    """Listens on `listen`, believing PROXY headers from `policy`'s addresses only."""

    def __init__(
        self, policy: ProxyPolicy, handshake: Handshake, refuse: Callable[[str], None]
    ) -> None:
        self._policy = policy
        self._handshake = handshake
        self._refuse = refuse
        """Counts a refusal by reason, for the server's summary line: one line per refused
        connection would let anyone flood the log."""
        self._sockets: list[socket.socket] = []
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self, listen: ListenAddress) -> None:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(
            listen.host or None,
            listen.port,
            type=socket.SOCK_STREAM,
            flags=socket.AI_PASSIVE,
        )
        try:
            for family, kind, protocol, _, address in dict.fromkeys(infos):
                sock = socket.socket(family, kind, protocol)
                self._sockets.append(sock)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                sock.bind(address)
                sock.listen(BACKLOG)
                sock.setblocking(False)
        except OSError:
            self.close()
            raise
        for sock in self._sockets:
            self._spawn(self._accept(sock))

    def get_addresses(self) -> list[tuple[str, int]]:
        return [sock.getsockname()[:2] for sock in self._sockets]

    def get_port(self) -> int:
        ports = {port for _, port in self.get_addresses()}
        return ports.pop() if len(ports) == 1 else 0

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for sock in self._sockets:
            sock.close()

    async def wait_closed(self) -> None:
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _spawn(self, work: Awaitable[None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _accept(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                sock, peer = await loop.sock_accept(listener)
            except OSError as error:
                self._refuse(f"accept-error-{error.errno}")
                await asyncio.sleep(ACCEPT_RETRY_SECONDS)
                continue
            self._spawn(self._arrive(sock, (str(peer[0]), int(peer[1]))))

    async def _arrive(self, sock: socket.socket, peer: Origin) -> None:
        if not self._policy.trusts(peer[0]):
            self._refuse("not-a-listed-proxy")
            sock.close()
            return
        try:
            origin = await read_origin(sock)
        except HeaderError as error:
            if str(error) != QUIET:
                self._refuse(f"proxy-{error}")
            sock.close()
            return
        except asyncio.CancelledError:
            sock.close()
            raise
        await self._handshake(sock, origin or peer)
