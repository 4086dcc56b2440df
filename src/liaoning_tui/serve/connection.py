"""One client connection: who it is, how long it may idle, and everything it may not do."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Protocol

import asyncssh

from liaoning_tui.serve import keys
from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.channel import GuardedChannel
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.endings import Ending
from liaoning_tui.serve.limits import Limits, span
from liaoning_tui.serve.log import clean
from liaoning_tui.serve.session import ExplorerSession

MAX_AUTH_TRIES = 6
"""Keys one connection may try and fail with, as OpenSSH's MaxAuthTries."""
AUTH_FAILURE_DELAY = 0.3
MAX_CHANNELS = 10
"""Sessions open at once on one connection, as OpenSSH's MaxSessions."""


def idle_ending(seconds: float) -> Ending:
    return Ending(
        "idle",
        f"No key pressed for {span(seconds)}: the session is closed. Connect again any time.",
    )


class Door(Protocol):
    """Lets a new connection in, and hears when it no longer waits for a session."""

    def admit(self, address: str) -> bool: ...

    def settle(self, address: str) -> None: ...


@dataclass(slots=True)
class Live:
    """What is running now: connections, and sessions (which may outlive their connection
    while their explorer ends)."""

    connections: set[Connection] = field(default_factory=set)
    sessions: set[ExplorerSession] = field(default_factory=set)


class Connection(asyncssh.SSHServer):
    """Authenticates a reader and opens explorer sessions; refuses forwarding of every kind."""

    def __init__(
        self,
        config: ServeConfig,
        limits: Limits,
        live: Live,
        door: Door,
        origin: tuple[str, int] | None = None,
    ) -> None:
        self._origin = origin
        """The reader's address named by a trusted load balancer's PROXY header."""
        self._config = config
        self._limits = limits
        self._live = live
        self._door = door
        self._connection: asyncssh.SSHServerConnection | None = None
        self._loop = asyncio.get_running_loop()
        self._opened = self._loop.time()
        self._last_input = self._opened
        self._idle_timer: asyncio.TimerHandle | None = None
        self._session_timer: asyncio.TimerHandle | None = None
        self._closing: asyncio.Task[None] | None = None
        self._lost_after: float | None = None
        self._sessions: set[ExplorerSession] = set()
        self._statuses: list[str] = []
        self._keys: asyncssh.SSHAuthorizedKeys | None = None
        self._waiting = False
        self.failures = 0
        self.address = "?"
        self.peer = "?"
        self.user: str | None = None
        self.authenticated = False
        self.admitted = False

    @property
    def sessions(self) -> frozenset[ExplorerSession]:
        return frozenset(self._sessions)

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._connection = conn
        peer = self._origin or conn.get_extra_info("peername")
        if peer:
            self.address = str(peer[0])
            self.peer = str(ListenAddress(self.address, int(peer[1])))
        self.admitted = self._waiting = self._door.admit(self.address)
        if not self.admitted:
            self._loop.call_soon(conn.abort)
            return
        self._live.connections.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        self._live.connections.discard(self)
        for timer in (self._idle_timer, self._session_timer):
            if timer is not None:
                timer.cancel()
        if self.admitted:
            self._lost_after = self._loop.time() - self._opened
            self._log_disconnect()

    def _stop_waiting(self) -> None:
        if self._waiting:
            self._waiting = False
            self._door.settle(self.address)

    def _log_disconnect(self) -> None:
        """Once the connection is gone and every explorer it started has ended."""
        if self._lost_after is None or self._sessions:
            return
        if not self.authenticated:
            status = "not authenticated"
        else:
            status = ",".join(self._statuses) or "no session"
        self._config.log.disconnect(self.peer, self.user, self._lost_after, status)

    def begin_auth(self, username: str) -> bool:
        self.user = username
        if self._config.authorized_keys is None:
            return False
        try:
            self._keys = asyncssh.read_authorized_keys(str(self._config.authorized_keys))
        except (OSError, ValueError) as error:
            self._config.log.write("problem", self.peer, authorized_keys=error)
        return True

    def public_key_auth_supported(self) -> bool:
        return self._config.authorized_keys is not None

    async def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        reason = self._refusal(key)
        if reason is None:
            return True
        self.failures += 1
        self._config.log.auth_failure(
            self.peer, username, "publickey", key.get_fingerprint(), reason
        )
        if self.failures >= MAX_AUTH_TRIES and self._connection is not None:
            self._config.log.write("auth-failure", self.peer, reason="too-many-attempts")
            self._connection.disconnect(
                asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
                f"Too many authentication failures ({MAX_AUTH_TRIES})",
            )
        await asyncio.sleep(AUTH_FAILURE_DELAY)
        return False

    def _refusal(self, key: asyncssh.SSHKey) -> str | None:
        if self._keys is None:
            return "authorized-keys-unreadable"
        options = self._keys.validate(key, self.address, self.address)
        if options is None:
            return "key-not-authorized"
        reason = keys.refusal(options, time.time())
        if reason is None and not keys.limit_signatures(key, self._config.algorithms.signatures):
            reason = "key-type-not-allowed"
        return reason

    def auth_completed(self) -> None:
        self.authenticated = True
        self._config.log.connect(
            self.peer,
            self.user or "",
            client=self._clean_extra("client_version"),
            cipher=self._clean_extra("recv_cipher"),
            mac=self._clean_extra("recv_mac"),
            compression=self._clean_extra("recv_compression"),
        )
        self._last_input = self._loop.time()
        self._idle_timer = self._loop.call_later(self._config.idle_timeout, self._check_idle)
        self._session_timer = self._loop.call_later(self._config.login_timeout, self._check_session)

    def _clean_extra(self, name: str) -> str:
        assert self._connection is not None
        return clean(str(self._connection.get_extra_info(name, "-")), 64)

    def session_requested(self) -> tuple[GuardedChannel, ExplorerSession] | bool:
        if len(self._sessions) >= MAX_CHANNELS or self._connection is None:
            return False
        self._stop_waiting()
        session = ExplorerSession(
            self._config, self._limits, self.address, self.peer, self._touch, self._session_ended
        )
        self._sessions.add(session)
        self._live.sessions.add(session)
        return GuardedChannel(self._connection), session

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        return False

    def _touch(self) -> None:
        self._last_input = self._loop.time()

    def _session_ended(self, session: ExplorerSession) -> None:
        self._sessions.discard(session)
        self._live.sessions.discard(session)
        self._statuses.append(session.status)
        self._log_disconnect()
        if session.status.startswith("refused") and not self._sessions and self._connection:
            # The reader has been told why; an open connection would only hold a place.
            self._connection.close()

    def _check_session(self) -> None:
        """A connection that logged in but opened no session is closed, like one that never
        logged in, so it cannot hold a place at the door."""
        if self._waiting and self._connection is not None:
            self._connection.close()

    def _check_idle(self) -> None:
        idle = self._loop.time() - self._last_input
        left = self._config.idle_timeout - idle
        if left > 0:
            self._idle_timer = self._loop.call_later(left, self._check_idle)
        elif self._closing is None:
            self._closing = asyncio.create_task(self.close(idle_ending(self._config.idle_timeout)))

    async def close(self, ending: Ending) -> None:
        """End every session, telling the reader why, then the connection."""
        await asyncio.gather(*(session.stop(ending) for session in self.sessions))
        if self._connection is not None:
            self._connection.close()
            await self._connection.wait_closed()
