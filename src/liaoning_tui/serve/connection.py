"""One client connection: who it is, how long it may idle, and everything it may not do."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import asyncssh

from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.limits import Limits
from liaoning_tui.serve.session import Ending, ExplorerSession


def idle_ending(seconds: float) -> Ending:
    minutes = seconds / 60
    span = f"{minutes:g} minutes" if minutes >= 1 else f"{seconds:g} seconds"
    return Ending(
        "idle", f"No key pressed for {span}: the session is closed. Connect again any time."
    )


@dataclass(slots=True)
class Live:
    """What is running now: connections, and sessions (which may outlive their connection
    while their explorer ends)."""

    connections: set[Connection] = field(default_factory=set)
    sessions: set[ExplorerSession] = field(default_factory=set)


class Connection(asyncssh.SSHServer):
    """Authenticates a reader and opens explorer sessions; refuses forwarding of every kind."""

    def __init__(self, config: ServeConfig, limits: Limits, live: Live) -> None:
        self._config = config
        self._limits = limits
        self._live = live
        self._connection: asyncssh.SSHServerConnection | None = None
        self._loop = asyncio.get_running_loop()
        self._opened = self._loop.time()
        self._last_input = self._opened
        self._idle_timer: asyncio.TimerHandle | None = None
        self._closing: asyncio.Task[None] | None = None
        self._lost_after: float | None = None
        self._sessions: set[ExplorerSession] = set()
        self._statuses: list[str] = []
        self.address = "?"
        self.peer = "?"
        self.user: str | None = None
        self.authenticated = False

    @property
    def sessions(self) -> frozenset[ExplorerSession]:
        return frozenset(self._sessions)

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._connection = conn
        peer = conn.get_extra_info("peername")
        if peer:
            self.address = str(peer[0])
            self.peer = str(ListenAddress(self.address, int(peer[1])))
        self._live.connections.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self._live.connections.discard(self)
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        self._lost_after = self._loop.time() - self._opened
        self._log_disconnect()

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
        assert self._connection is not None
        try:
            self._connection.set_authorized_keys(str(self._config.authorized_keys))
        except (OSError, ValueError) as error:
            self._config.log.write("problem", self.peer, authorized_keys=error)
        return True

    def auth_completed(self) -> None:
        self.authenticated = True
        self._config.log.connect(self.peer, self.user or "")
        self._last_input = self._loop.time()
        self._idle_timer = self._loop.call_later(self._config.idle_timeout, self._check_idle)

    def session_requested(self) -> ExplorerSession:
        session = ExplorerSession(
            self._config, self._limits, self.address, self._touch, self._session_ended
        )
        self._sessions.add(session)
        self._live.sessions.add(session)
        return session

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
