"""The SSH server as `liaoning-tui serve --open` builds it, as a process of its own so its
memory can be read apart from the clients'; runnable as root (as CI runs), which the command
itself refuses.

Usage: python serve_process.py FACTS MAX_SESSIONS [--cold]
Prints `PORT FORK_SERVER_PID` (0 when cold) once it listens.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import asyncssh

from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.confine import ChildLimits
from liaoning_tui.serve.log import Log
from liaoning_tui.serve.ssh import Server, serve
from liaoning_tui.serve.warm import WarmStart


def main() -> None:
    facts, sessions = Path(sys.argv[1]), int(sys.argv[2])
    warm = None if "--cold" in sys.argv else WarmStart(facts, ChildLimits())
    config = ServeConfig(
        command=(sys.executable, "-m", "liaoning_tui", "--facts", str(facts)),
        warm=warm,
        anonymous=True,
        listen=ListenAddress("127.0.0.1", 0),
        max_sessions=sessions,
        max_per_address=sessions,
        log=Log(Path(os.devnull).open("w")),  # noqa: SIM115  (open for the process's life)
    )

    def ready(server: Server) -> None:
        if warm is not None:
            warm.start()
        helper = warm.process.pid if warm is not None and warm.process is not None else 0
        print(server.port, helper, flush=True)

    asyncio.run(serve(config, asyncssh.generate_private_key("ssh-ed25519"), ready))


if __name__ == "__main__":
    main()
