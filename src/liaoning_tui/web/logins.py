"""Who is logged in (random session ids kept in memory) and who has failed too often lately."""

from __future__ import annotations

import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_FAILURES = 10
"""Failed logins from one address within FAILURE_WINDOW before it must wait."""
FAILURE_WINDOW = 60.0
MAX_LOGINS = 10_000
"""Live logins, and addresses with recent failures, kept at most; the oldest go first, so
logging in (or failing to) again and again cannot fill memory."""


@dataclass(frozen=True, slots=True)
class Login:
    name: str
    expires: float


@dataclass(slots=True)
class Logins:
    lifetime: float
    clock: Callable[[], float] = time.monotonic
    _by_id: dict[str, Login] = field(default_factory=dict)
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def create(self, name: str) -> str:
        """A new login for `name`; the id is the cookie's value."""
        self._forget_expired()
        while len(self._by_id) >= MAX_LOGINS:
            del self._by_id[next(iter(self._by_id))]
        session_id = secrets.token_urlsafe(32)
        self._by_id[session_id] = Login(name, self.clock() + self.lifetime)
        return session_id

    def find(self, session_id: str | None) -> Login | None:
        if not session_id:
            return None
        login = self._by_id.get(session_id)
        if login is None or login.expires <= self.clock():
            self._by_id.pop(session_id, None)
            return None
        return login

    def end(self, session_id: str | None) -> None:
        if session_id:
            self._by_id.pop(session_id, None)

    def _forget_expired(self) -> None:
        now = self.clock()
        for session_id in [i for i, login in self._by_id.items() if login.expires <= now]:
            del self._by_id[session_id]

    def throttled(self, address: str) -> bool:
        """Whether `address` has failed too often lately to be allowed another try."""
        failures = self._failures.get(address)
        if failures is None:
            return False
        while failures and failures[0] <= self.clock() - FAILURE_WINDOW:
            failures.popleft()
        if not failures:
            del self._failures[address]
        return len(failures) >= MAX_FAILURES

    def failed(self, address: str) -> None:
        if address not in self._failures and len(self._failures) >= MAX_LOGINS:
            del self._failures[next(iter(self._failures))]
        self._failures.setdefault(address, deque(maxlen=MAX_FAILURES)).append(self.clock())
