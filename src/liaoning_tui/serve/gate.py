"""Which new connections are let in before they have a session, and a summary of the rest.

Like OpenSSH's `MaxStartups start:rate:full`: a connection counts from its accept until its first
session starts (so one that logs in and opens nothing still counts), past `start` of them a new
one is dropped with a probability rising from `rate` to 1 at `full`, and one address may hold
only `per_address`. Each address also draws on a token bucket of connections, like wish's
ratelimiter middleware. Refusals are counted and summed up in at most one log line a second.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

MAX_BUCKETS = 10_000
"""Addresses remembered for the rate limit; full buckets are forgotten first."""


@dataclass(slots=True)
class Gate:
    start: int
    full: int
    per_address: int
    burst: float
    per_second: float
    rate: float = 0.3
    chance: random.Random = field(default_factory=random.Random)
    pending: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    """Refusals by reason since the last summary."""
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def waiting(self) -> int:
        return self.pending.total()

    def admit(self, address: str, now: float) -> bool:
        """Count a new connection in, or count why it is refused."""
        reason = self._refusal(address, now)
        if reason is not None:
            self.refused[reason] += 1
            return False
        self.pending[address] += 1
        return True

    def settle(self, address: str) -> None:
        """A connection admitted earlier started its first session or ended."""
        self.pending[address] -= 1
        if self.pending[address] <= 0:
            del self.pending[address]

    def summary(self) -> dict[str, int] | None:
        """The refusals since the last call, by reason; None when there were none."""
        if not self.refused:
            return None
        counts = dict(self.refused)
        self.refused.clear()
        return counts

    def _refusal(self, address: str, now: float) -> str | None:
        if not self._take(address, now):
            return "rate"
        if self.pending[address] >= self.per_address:
            return "per-address"
        waiting = self.waiting
        if waiting >= self.full:
            return "full"
        if waiting >= self.start:
            drop = self.rate + (1 - self.rate) * (waiting - self.start) / (self.full - self.start)
            if self.chance.random() < drop:
                return "early-drop"
        return None

    def _take(self, address: str, now: float) -> bool:
        tokens, then = self._buckets.get(address, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.per_second)
        if len(self._buckets) >= MAX_BUCKETS and address not in self._buckets:
            self._forget(now)
        if tokens < 1:
            self._buckets[address] = (tokens, now)
            return False
        self._buckets[address] = (tokens - 1, now)
        return True

    def _forget(self, now: float) -> None:
        """Drop the addresses whose buckets have filled up again, or all if none has."""
        full = [
            address
            for address, (tokens, then) in self._buckets.items()
            if tokens + (now - then) * self.per_second >= self.burst
        ]
        for address in full or list(self._buckets):
            del self._buckets[address]
