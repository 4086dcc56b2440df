"""The SSH server: listens, hands each connection to a `Connection`, and stops cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
from collections.abc import Callable
from typing import Any

import asyncssh

from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.channel import MAX_PACKET, WINDOW
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.connection import Connection, Live
from liaoning_tui.serve.endings import Ending
from liaoning_tui.serve.gate import Gate
from liaoning_tui.serve.limits import Limits
from liaoning_tui.serve.log import clean
from liaoning_tui.serve.proxy_listener import ProxiedAcceptor

SHUTTING_DOWN = Ending("shutdown", "The server is shutting down; sorry for the interruption.")
KEEPALIVE_SECONDS = 30
"""A client that answers no keepalive for three of these is gone, and its explorer ends."""
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""SIGHUP stops the server as SIGTERM does: the keys file is read at every login anyway, so
there is nothing to reload, and a hang-up from a closed terminal should not leave it running."""
SUMMARY_SECONDS = 1.0
"""Refused connections and loop errors are summed up at most this often."""


class ListenError(Exception):
    """The address cannot be listened on; the message says which and why."""


class Server:
    """A listening SSH server for the explorer."""

    def __init__(self, config: ServeConfig, host_key: asyncssh.SSHKey) -> None:
        self.config = config
        self._host_key = host_key
        self.limits = Limits(config.max_sessions, config.max_per_address)
        self.gate = Gate(
            start=config.max_sessions,
            full=4 * config.max_sessions,
            per_address=2 * config.max_per_address,
            burst=2.0 * config.max_per_address,
            per_second=1.0,
        )
        self.live = Live()
        self._acceptor: asyncssh.SSHAcceptor | ProxiedAcceptor | None = None
        self._summary: asyncio.TimerHandle | None = None
        self._loop_errors: dict[str, int] = {}

    @property
    def addresses(self) -> list[ListenAddress]:
        """Where it listens, with the ports the system chose for port 0."""
        assert self._acceptor is not None
        addresses = self._acceptor.get_addresses()
        return [ListenAddress(str(a[0]), int(a[1])) for a in addresses]

    @property
    def port(self) -> int:
        assert self._acceptor is not None
        return self._acceptor.get_port()

    async def start(self) -> None:
        listen = self.config.listen
        try:
            self._acceptor = await self._listen(listen)
        except OSError as error:
            raise ListenError(f"cannot listen on {listen}: {error.strerror or error}") from error

    async def _listen(self, listen: ListenAddress) -> asyncssh.SSHAcceptor | ProxiedAcceptor:
        if self.config.proxy:
            acceptor = ProxiedAcceptor(self.config.proxy, self._proxied, self.refuse)
            await acceptor.start(listen)
            return acceptor
        return await asyncssh.listen(
            listen.host, listen.port, server_factory=self._connection, **self._options()
        )

    async def _proxied(self, sock: socket.socket, origin: tuple[str, int]) -> None:
        # The Connection has logged how a failed one ended.
        with contextlib.suppress(asyncssh.Error, OSError, TimeoutError):
            await asyncssh.run_server(
                sock, server_factory=lambda: self._connection(origin), **self._options()
            )

    def _options(self) -> dict[str, Any]:
        return dict(
            server_host_keys=[self._host_key],
            server_version="liaoning_tui",
            encoding=None,
            line_editor=False,
            allow_pty=True,
            agent_forwarding=False,
            x11_forwarding=False,
            public_key_auth=not self.config.anonymous,
            password_auth=False,
            kbdint_auth=False,
            host_based_auth=False,
            gss_host=None,
            login_timeout=self.config.login_timeout,
            keepalive_interval=KEEPALIVE_SECONDS,
            keepalive_count_max=3,
            window=WINDOW,
            max_pktsize=MAX_PACKET,
            **self.config.algorithms.options(),
        )

    def _connection(self, origin: tuple[str, int] | None = None) -> Connection:
        return Connection(self.config, self.limits, self.live, self, origin)

    def refuse(self, reason: str) -> None:
        """A connection dropped before SSH began (by the PROXY protocol's rules)."""
        self.gate.refused[reason] += 1
        self._summarize_soon()

    def admit(self, address: str) -> bool:
        """Whether a new connection from `address` may wait for a session."""
        if self.gate.admit(address, asyncio.get_running_loop().time()):
            return True
        self._summarize_soon()
        return False

    def settle(self, address: str) -> None:
        self.gate.settle(address)

    def loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """asyncio's errors (an accept that failed for want of file descriptors) summed up in
        the log like refusals, never a traceback per event."""
        error = context.get("exception")
        what = type(error).__name__ if error is not None else "error"
        key = clean(f"{what}:{context.get('message', '')}", 80)
        self._loop_errors[key] = self._loop_errors.get(key, 0) + 1
        self._summarize_soon()

    def _summarize_soon(self) -> None:
        if self._summary is None:
            loop = asyncio.get_running_loop()
            self._summary = loop.call_later(SUMMARY_SECONDS, self._summarize)

    def _summarize(self) -> None:
        self._summary = None
        refused = self.gate.summary()
        if refused:
            self.config.log.write("refused", "-", connections=sum(refused.values()), **refused)
        for message, count in self._loop_errors.items():
            self.config.log.write("loop-error", "-", count=count, error=message)
        self._loop_errors.clear()

    async def shutdown(self, ending: Ending = SHUTTING_DOWN) -> None:
        """Stop listening, tell every reader why, end every explorer."""
        if self._acceptor is not None:
            self._acceptor.close()
        await asyncio.gather(
            *(connection.close(ending) for connection in list(self.live.connections))
        )
        await asyncio.gather(*(session.stop(ending) for session in list(self.live.sessions)))
        if self._acceptor is not None:
            await self._acceptor.wait_closed()
        if self._summary is not None:
            self._summary.cancel()
            self._summarize()


async def serve(
    config: ServeConfig,
    host_key: asyncssh.SSHKey,
    on_ready: Callable[[Server], None] = lambda server: None,
) -> None:
    """Serve until SIGTERM, SIGHUP or SIGINT (ctrl+c), then shut down cleanly."""
    server = Server(config, host_key)
    await server.start()
    stopped: asyncio.Future[signal.Signals] = asyncio.get_running_loop().create_future()
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(server.loop_error)

    def stop(number: signal.Signals) -> None:
        if not stopped.done():
            stopped.set_result(number)

    for number in STOP_SIGNALS:
        loop.add_signal_handler(number, stop, number)
    try:
        on_ready(server)
        number = await stopped
        config.log.write("stopping", "-", signal=number.name, readers=len(server.live.sessions))
    finally:
        for number in STOP_SIGNALS:
            loop.remove_signal_handler(number)
        await server.shutdown()
        if config.warm is not None:
            config.warm.stop()
