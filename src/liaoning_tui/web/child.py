"""What textual-serve runs for each tab: ties the explorer's life to the server's, then runs it.

`python -m liaoning_tui.web.child SERVER_PID FACTS` asks the kernel to kill it when the server
process ends (however it ends), drops every environment variable but those the explorer needs,
and becomes `python -m liaoning_tui --facts FACTS` with exec. textual-serve gives no handle on the
process it starts (no pid, no kill), so this is how a stuck explorer cannot outlive the server.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from liaoning_tui.serve.environment import is_passed_on

PR_SET_PDEATHSIG = 1
FROM_TEXTUAL_SERVE = ("TEXTUAL_", "TERM_PROGRAM")
KEPT = frozenset({"PATH", "HOME", "COLUMNS", "ROWS"})


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def environment(server: dict[str, str]) -> dict[str, str]:
    """The explorer's environment: the server's path and home, textual-serve's variables
    (the web driver, the size), and the locale; nothing else of the server's."""
    return {
        name: value
        for name, value in server.items()
        if name in KEPT or name.startswith(FROM_TEXTUAL_SERVE) or is_passed_on(name)
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python -m liaoning_tui.web.child SERVER_PID FACTS", file=sys.stderr)
        return 2
    _die_with_parent()
    if os.getppid() != int(argv[0]):
        return 1
    command = [sys.executable, "-m", "liaoning_tui", "--facts", argv[1]]
    os.execve(sys.executable, command, environment(dict(os.environ)))
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
