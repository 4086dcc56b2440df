"""In a process the fork server forked: leave the fork server behind, then become one session's
explorer, at once or, for a spare, when the fork server hands it a session.

Everything a session does not decide (the session of its own, the limits, dying with the fork
server) is done first, so a spare has done it before any reader asks; what a session decides
(its terminal, its size, its environment) is taken only once it is handed over, then the app is
built and run exactly as for an explorer forked on demand.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import socket
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

from liaoning_tui.serve.confine import ChildLimits, limit, take_terminal
from liaoning_tui.serve.report import ERROR_FD

PR_SET_PDEATHSIG = 1
MAX_REQUEST = 64 * 1024
FDS_PER_HANDOVER = 2
"""The terminal's slave side and the error pipe's write end."""


def die_with_parent() -> None:
    """Be killed when the process that made this one ends, so nothing outlives the server."""
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def leave_server(theirs: Iterable[socket.socket], fds: Iterable[int], limits: ChildLimits) -> None:
    """Drop what is the fork server's (its signal handling, its sockets and pipe), start a
    session of its own and take the explorer's limits."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for sock in theirs:
        sock.close()
    for fd in fds:
        os.close(fd)
    os.setsid()
    limit(limits)
    die_with_parent()


def wait_for_session(handover: socket.socket) -> tuple[int, int, dict[str, str]]:
    """A spare's wait: the session's terminal, error pipe and environment, as the fork server
    hands them over. Ends the process if the fork server goes or drops the spare."""
    try:
        message, fds, _, _ = socket.recv_fds(handover, MAX_REQUEST, FDS_PER_HANDOVER)
    except OSError:
        os._exit(0)
    handover.close()
    if not message or len(fds) != FDS_PER_HANDOVER:
        os._exit(0)
    slave, errors = fds
    return slave, errors, json.loads(message)


def explore(
    slave: int, errors: int, environment: dict[str, str], path: Path, facts: object | None
) -> NoReturn:
    """Become the session's explorer on the terminal `slave`, as a cold one would start."""
    for target in (0, 1, 2):
        os.dup2(slave, target)
    if slave > 2:
        os.close(slave)
    take_terminal()
    os.environ.clear()
    os.environ.update(environment)
    os.environ[ERROR_FD] = str(errors)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.argv = ["liaoning-tui", "--facts", str(path)]
    try:
        code = run_explorer(path, facts)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def run_explorer(path: Path, facts: object | None) -> int:
    from liaoning_tui.facts.model import FactBase
    from liaoning_tui.serve.report import errors_to_server
    from liaoning_tui.ui.app import build_app

    with errors_to_server():
        if not isinstance(facts, FactBase):
            from liaoning_tui.commands.common import EXIT_PROBLEM
            from liaoning_tui.facts.cache import load_cached
            from liaoning_tui.facts.problems import FactBaseError

            try:  # again, to say why as a cold explorer would
                facts = load_cached(path)
            except FactBaseError as error:
                for problem in error.problems:
                    print(problem, file=sys.stderr)
                return EXIT_PROBLEM
        app = build_app(facts, path=path)
        result = app.run()
    return result if isinstance(result, int) else app.return_code or 0
