"""The fork server: one process that has imported Textual and the app and loaded the fact base,
and forks an explorer per session, so each starts warm and shares those pages copy-on-write.

It is single-threaded and never starts an event loop: a fork copies only the calling thread, so
a thread or a loop alive here would be half-copied into every explorer. The SSH server talks to
it over a Unix socket (SOCK_SEQPACKET): each request carries the session's terminal, its error
pipe and a socket of its own by SCM_RIGHTS; the fork server answers on that socket with the
explorer's pid, then with its exit status once it has reaped it.

Run by the server as `python -m liaoning_tui.serve.forkserver FD FACTS NICE MEMORY_MIB CPU`.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import select
import signal
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from liaoning_tui.serve.confine import ChildLimits, prepare_child
from liaoning_tui.serve.report import ERROR_FD

PR_SET_PDEATHSIG = 1
MAX_REQUEST = 64 * 1024
FDS_PER_REQUEST = 3
"""The terminal's slave side, the error pipe's write end, the session's answer socket."""


def die_with_parent() -> None:
    """Be killed when the process that made this one ends, so nothing outlives the server."""
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


@dataclass(slots=True)
class Base:
    """The fact base as the next explorer gets it, loaded again when its file changes."""

    path: Path
    facts: object | None = None
    seen: tuple[int, int, int] | None = None

    def refresh(self) -> None:
        now = stamp(self.path)
        if now == self.seen and now is not None:
            return
        from liaoning_tui.facts.cache import load_cached
        from liaoning_tui.facts.problems import FactBaseError
        from liaoning_tui.facts.search import index_for

        self.seen = now
        try:
            self.facts = facts = load_cached(self.path)
        except (FactBaseError, OSError):
            self.facts = None  # the explorer loads it itself and reports why, as a cold one
            return
        index_for(facts)  # each explorer's search index, built once and shared
        keep_shared()


def keep_shared() -> None:
    """Move everything this process holds out of the cyclic collector's reach, as CPython's
    documentation of gc.freeze advises for a process that forks without exec.

    A full collection in an explorer writes to the header of every object it walks, copying
    each page of the fork server's that holds one: forcing one in a forked explorer took its
    private memory from 21.2 to 37.5 MiB; after this, 21.2 MiB (the first frame's own figure).
    Only the collector is kept off these objects, in this process and the explorers it forks:
    they are still freed when no longer referenced (a reloaded base's old one is). The collect
    first means no garbage is frozen with them.
    """
    gc.collect()
    gc.freeze()


@dataclass(slots=True)
class ForkServer:
    control: socket.socket
    base: Base
    limits: ChildLimits
    answers: dict[int, socket.socket] = field(default_factory=dict)

    def serve(self) -> None:
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_read, False)
        os.set_blocking(wake_write, False)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda number, frame: None)
        while True:
            try:
                ready, _, _ = select.select([self.control.fileno(), wake_read], [], [])
            except InterruptedError:
                continue
            if wake_read in ready:
                with contextlib.suppress(BlockingIOError):
                    os.read(wake_read, 4096)
                self.reap()
            if self.control.fileno() in ready and not self.request(wake_read, wake_write):
                return

    def request(self, *own: int) -> bool:
        """Fork an explorer for one request; False when the server has gone."""
        try:
            message, fds, _, _ = socket.recv_fds(self.control, MAX_REQUEST, FDS_PER_REQUEST)
        except InterruptedError:
            return True
        if not message:
            return False
        if len(fds) != FDS_PER_REQUEST:
            for fd in fds:
                os.close(fd)
            return True
        slave, errors, answer_fd = fds
        answer = socket.socket(fileno=answer_fd)
        environment = json.loads(message)
        self.base.refresh()
        try:
            pid = os.fork()
        except OSError as error:
            with contextlib.suppress(OSError):
                answer.send(f"error {error.errno}".encode())
            answer.close()
            os.close(slave)
            os.close(errors)
            return True
        if pid == 0:
            try:
                self.explore(slave, errors, environment, answer, own)
            finally:
                os._exit(70)
        os.close(slave)
        os.close(errors)
        self.answers[pid] = answer
        with contextlib.suppress(OSError):
            answer.send(f"pid {pid}".encode())
        return True

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            answer = self.answers.pop(pid, None)
            if answer is not None:
                with contextlib.suppress(OSError):
                    answer.send(f"exit {os.waitstatus_to_exitcode(status)}".encode())
                answer.close()

    def explore(
        self,
        slave: int,
        errors: int,
        environment: dict[str, str],
        answer: socket.socket,
        own: tuple[int, ...],
    ) -> None:
        """In the forked child: become the session's explorer, as a cold one would start."""
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for sock in (self.control, answer, *self.answers.values()):
            sock.close()
        for fd in own:
            os.close(fd)
        os.setsid()
        for target in (0, 1, 2):
            os.dup2(slave, target)
        if slave > 2:
            os.close(slave)
        prepare_child(self.limits)
        die_with_parent()
        os.environ.clear()
        os.environ.update(environment)
        os.environ[ERROR_FD] = str(errors)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.argv = ["liaoning-tui", "--facts", str(self.base.path)]
        try:
            code = run_explorer(self.base)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def run_explorer(base: Base) -> int:
    from liaoning_tui.facts.model import FactBase
    from liaoning_tui.serve.report import errors_to_server
    from liaoning_tui.ui.app import build_app

    with errors_to_server():
        facts = base.facts
        if not isinstance(facts, FactBase):
            from liaoning_tui.commands.common import EXIT_PROBLEM
            from liaoning_tui.facts.cache import load_cached
            from liaoning_tui.facts.problems import FactBaseError

            try:  # again, to say why as a cold explorer would
                facts = load_cached(base.path)
            except FactBaseError as error:
                for problem in error.problems:
                    print(problem, file=sys.stderr)
                return EXIT_PROBLEM
        app = build_app(facts, path=base.path)
        result = app.run()
    return result if isinstance(result, int) else app.return_code or 0


def preload() -> None:
    """What every explorer imports, imported once here (found by listing the modules a first
    frame adds to these)."""
    import concurrent.futures.thread  # noqa: F401  (the explorer's index worker)

    import rich.cells
    import rich.markup

    # Textual imports its driver, scroll bars and layouts only when an app runs, and `run`
    # imports the pilot and headless driver each time; this is the one import of Textual in
    # the server's package.
    import textual.drivers.headless_driver
    import textual.drivers.linux_driver
    import textual.layouts.factory
    import textual.layouts.horizontal
    import textual.layouts.stream
    import textual.pilot
    import textual.scrollbar  # noqa: F401

    import liaoning_tui.ui.app  # noqa: F401
    from liaoning_tui.startup import START_UP_THRESHOLDS

    rich.cells.cell_len("中")  # loads Rich's table of character widths
    rich.markup.render("x")  # loads Rich's emoji table, which markup looks in
    gc.set_threshold(*START_UP_THRESHOLDS)  # as `liaoning-tui` sets it, no more


def main(argv: list[str]) -> int:
    control_fd, facts, nice, memory, cpu = argv
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preload()
    base = Base(Path(facts))
    base.refresh()
    limits = ChildLimits(nice=int(nice), memory_mib=int(memory), cpu_seconds=int(cpu))
    control = socket.socket(fileno=int(control_fd))
    ForkServer(control, base, limits).serve()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
