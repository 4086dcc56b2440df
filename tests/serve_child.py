"""A light stand-in for the explorer in the SSH server's tests.

It reports what a session's child sees (pid, terminal size, controlling terminal, environment),
says each new size after a window change, echoes keys as hex, and exits with status 3 on "q".
With --stubborn it ignores hang-ups and SIGTERM, so only SIGKILL ends it; with --spew it writes
without end once ready, as fast as its terminal takes it. Like the explorer it sends its errors
to the server's pipe; "c" raises one.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tty

from liaoning_tui.serve.report import errors_to_server


def say(text: str) -> None:
    os.write(1, (text + "\r\n").encode())


def size() -> str:
    columns, rows = os.get_terminal_size(0)
    return f"{columns}x{rows}"


def has_controlling_terminal() -> bool:
    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
    except OSError:
        return False
    return True


def main() -> int:
    if "--stubborn" in sys.argv:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    tty.setraw(0)
    signal.signal(signal.SIGWINCH, lambda *_: say(f"size={size()}"))
    report = {
        "pid": os.getpid(),
        "size": size(),
        "leader": os.getsid(0) == os.getpid(),
        "ctty": has_controlling_terminal(),
        "env": dict(os.environ),
    }
    say("ready " + json.dumps(report))
    if "--spew" in sys.argv:
        line = b"spew " * 200 + b"\r\n"
        while True:
            os.write(1, line)
    while data := os.read(0, 1024):
        if b"q" in data:
            say("bye")
            return 3
        if b"c" in data:
            raise RuntimeError("boom in /srv/secret/explorer.py")
        say(f"key={data.hex()}")
    return 0


if __name__ == "__main__":
    with errors_to_server():
        raise SystemExit(main())
