"""How many explorer sessions may run at once, in all and from one address."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


def span(seconds: float) -> str:
    """A length of time for a reader: `4 hours`, `15 minutes`, `1 seconds`."""
    if seconds >= 3600:
        return f"{seconds / 3600:g} hours"
    if seconds >= 60:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} seconds"


@dataclass(slots=True)
class Limits:
    """Counts running sessions and says why a new one may not start."""

    max_sessions: int
    max_per_address: int
    _by_address: Counter[str] = field(default_factory=Counter)

    @property
    def running(self) -> int:
        return self._by_address.total()

    def acquire(self, address: str) -> str | None:
        """Count a session from `address` in, or say politely why it cannot start."""
        if self.running >= self.max_sessions:
            return (
                f"The server is full ({self.max_sessions} readers at once). "
                "Please try again in a little while."
            )
        if self._by_address[address] >= self.max_per_address:
            return (
                f"Your address already has the most sessions allowed ({self.max_per_address}) "
                "open. Close one and try again."
            )
        self._by_address[address] += 1
        return None

    def release(self, address: str) -> None:
        self._by_address[address] -= 1
        if self._by_address[address] <= 0:
            del self._by_address[address]
