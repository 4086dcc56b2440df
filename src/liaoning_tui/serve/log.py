"""One line per connect and per disconnect, for whoever runs the server."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

MAX_NAME = 32


def clean(text: str) -> str:
    """A client-chosen string made safe for one log line: printable, no spaces, short."""
    kept = "".join(c if c.isprintable() and not c.isspace() else "?" for c in text[:MAX_NAME])
    return (kept + "…" if len(text) > MAX_NAME else kept) or "-"


@dataclass(slots=True)
class Log:
    stream: TextIO = field(default_factory=lambda: sys.stderr)

    def write(self, event: str, peer: str, **details: object) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        fields = "".join(f" {name}={value}" for name, value in details.items())
        print(f"{stamp} {event} {peer}{fields}", file=self.stream, flush=True)

    def connect(self, peer: str, user: str) -> None:
        self.write("connect", peer, user=clean(user))

    def disconnect(self, peer: str, user: str | None, seconds: float, status: str) -> None:
        name = "-" if user is None else clean(user)
        self.write("disconnect", peer, user=name, duration=f"{seconds:.1f}s", status=status)
