"""One line per event, for whoever runs the server (and for fail2ban).

Every line is `TIME EVENT PEER name=value…`, with client-chosen strings cleaned so a line stays
one line. A log that cannot be written (a full disk, a closed pipe) never stops a reader: the line
is counted and dropped.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

MAX_NAME = 32


def clean(text: str, limit: int = MAX_NAME) -> str:
    """A client-chosen string made safe for one log line: printable, no spaces, short."""
    kept = "".join(c if c.isprintable() and not c.isspace() else "?" for c in text[:limit])
    return (kept + "…" if len(text) > limit else kept) or "-"


@dataclass(slots=True)
class Log:
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    lost: int = 0
    """Lines that could not be written."""

    def write(self, event: str, peer: str, **details: object) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        fields = "".join(f" {name}={value}" for name, value in details.items())
        try:
            print(f"{stamp} {event} {peer}{fields}", file=self.stream, flush=True)
        except (OSError, ValueError):
            self.lost += 1

    def connect(self, peer: str, user: str, **details: object) -> None:
        self.write("connect", peer, user=clean(user), **details)

    def disconnect(self, peer: str, user: str | None, seconds: float, status: str) -> None:
        name = "-" if user is None else clean(user)
        self.write("disconnect", peer, user=name, duration=f"{seconds:.1f}s", status=status)

    def auth_failure(self, peer: str, user: str, method: str, key: str, reason: str) -> None:
        """The line a fail2ban filter matches: `auth-failure HOST:PORT user=… reason=…`."""
        self.write("auth-failure", peer, user=clean(user), method=method, key=key, reason=reason)

    def crash(self, peer: str, session: int, status: str, report: str) -> None:
        """One `crash` line with the error's last line, then the report line by line, each
        marked with the session so `grep session=N` finds them all."""
        lines = [line for line in report.splitlines() if line.strip()] or ["(no report)"]
        self.write(
            "crash",
            peer,
            session=session,
            status=status.replace(" ", "_"),
            error=clean(lines[-1], 200).replace("?", " "),
        )
        for line in lines:
            self.write("trace", peer, session=session, text=repr(line))
