"""How sessions end: what the reader is told, what the log says, and the terminal reset."""

from __future__ import annotations

import signal
from dataclasses import dataclass

from liaoning_tui.serve.limits import span

NO_TERMINAL = (
    "liaoning-tui only runs its interactive explorer, which needs a terminal: "
    "connect with `ssh -t` and without a command."
)
NOT_STARTED = "The explorer could not start on the server; please tell whoever runs it."
NO_COMMANDS = (
    "liaoning-tui runs no commands, only its explorer: connect without one, e.g. ssh -t HOST"
)
SESSION_WARNING = 5 * 60.0
"""How long before the session's time limit the reader is told it is coming."""
RESET_TERMINAL = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?1049l\x1b[?25h\x1b[0m"
)
"""Mouse reporting, bracketed paste and the alternate screen off, cursor on: what an explorer
that was stopped from outside had no chance to undo."""


@dataclass(frozen=True, slots=True)
class Ending:
    """Why the server ended a session: a word for the log, a sentence for the reader."""

    label: str
    message: str


def describe(returncode: int) -> str:
    """An exit status for the log: the number, or the signal's name."""
    if returncode >= 0:
        return str(returncode)
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def time_notice(left: float, rows: int) -> bytes:
    """The time limit is near, on the bottom line in reverse video, the cursor left where it
    was; the explorer draws over it at its next change."""
    notice = f" This session ends in {span(left)} (its time limit). "
    return f"\x1b7\x1b[{rows};1H\x1b[7m{notice}\x1b[0m\x1b8".encode()


def time_up(lifetime: float) -> Ending:
    return Ending(
        "time limit",
        f"This session reached its time limit ({span(lifetime)}). Connect again any time.",
    )
