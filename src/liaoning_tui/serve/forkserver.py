"""The fork server: one process that has imported Textual and the app and loaded the fact base,
and forks an explorer per session, so each starts warm and shares those pages copy-on-write.

It is single-threaded and never starts an event loop: a fork copies only the calling thread, so
a thread or a loop alive here would be half-copied into every explorer. The SSH server talks to
it over a Unix socket (SOCK_SEQPACKET): each request carries the session's terminal, its error
pipe and a socket of its own by SCM_RIGHTS; the fork server answers on that socket with the
explorer's pid, then with its exit status once it has reaped it.

One explorer is forked ahead, a spare: it has left the fork server behind and taken the limits,
and waits for the next session's terminal, size and environment, so that session starts without
waiting for a fork. The next is forked once no session has started for SPARE_DELAY; a session
that comes first is forked for as before. A spare holding a fact base that has changed on disk
since it was forked is killed, and the session gets a fresh fork of the new base.

Run by the server as `python -m liaoning_tui.serve.forkserver FD FACTS NICE MEMORY_MIB CPU`.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from liaoning_tui.serve.confine import ChildLimits
from liaoning_tui.serve.forked import die_with_parent, explore, leave_server, wait_for_session

MAX_REQUEST = 64 * 1024
SPARE_DELAY = 0.2
"""Seconds without a new session before the next spare is forked. A fork at once, as a spare is
taken, competed with that session's first frame (about 80 ms of CPU) and made it later."""
FDS_PER_REQUEST = 3
"""The terminal's slave side, the error pipe's write end, the session's answer socket."""


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

    def refresh(self) -> bool:
        """Load the file again if it changed; whether it did."""
        now = stamp(self.path)
        if now == self.seen and now is not None:
            return False
        from liaoning_tui.facts.cache import load_cached
        from liaoning_tui.facts.problems import FactBaseError
        from liaoning_tui.facts.search import index_for

        self.seen = now
        try:
            self.facts = facts = load_cached(self.path)
        except (FactBaseError, OSError):
            self.facts = None  # the explorer loads it itself and reports why, as a cold one
            return True
        index_for(facts)  # each explorer's search index, built once and shared
        keep_shared()
        return True


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
class Spare:
    """An explorer forked ahead of any session, waiting on `handover` for one."""

    pid: int
    handover: socket.socket


@dataclass(slots=True)
class ForkServer:
    control: socket.socket
    base: Base
    limits: ChildLimits
    answers: dict[int, socket.socket] = field(default_factory=dict)
    spare: Spare | None = None
    own: tuple[int, ...] = ()
    """The wake-up pipe: this process's own, closed in every child."""
    spare_due: float | None = None
    """When to fork the next spare (monotonic seconds), if one is due."""

    def serve(self) -> None:
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_read, False)
        os.set_blocking(wake_write, False)
        self.own = (wake_read, wake_write)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda number, frame: None)
        with contextlib.suppress(OSError):
            self.fork_spare()
        while True:
            wait = None if self.spare_due is None else max(0.0, self.spare_due - time.monotonic())
            try:
                ready, _, _ = select.select([self.control.fileno(), wake_read], [], [], wait)
            except InterruptedError:
                continue
            if self.spare_due is not None and time.monotonic() >= self.spare_due:
                self.spare_due = None
                if self.spare is None:
                    with contextlib.suppress(OSError):
                        self.fork_spare()
            if wake_read in ready:
                with contextlib.suppress(BlockingIOError):
                    os.read(wake_read, 4096)
                self.reap()
            if self.control.fileno() in ready and not self.request():
                return

    def request(self) -> bool:
        """Give one session an explorer; False when the server has gone."""
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
        if self.base.refresh():
            self.drop_spare()  # it holds the base as it was
        try:
            pid = self.hand_to_spare(message, slave, errors)
            if pid is None:
                pid = self.fork(
                    answer,
                    then=lambda: explore(slave, errors, json.loads(message), *self.what()),
                )
        except OSError as error:
            with contextlib.suppress(OSError):
                answer.send(f"error {error.errno}".encode())
            answer.close()
            return True
        finally:
            os.close(slave)
            os.close(errors)
        self.answers[pid] = answer
        with contextlib.suppress(OSError):
            answer.send(f"pid {pid}".encode())
        if self.spare is None:
            self.spare_due = time.monotonic() + SPARE_DELAY
        return True

    def what(self) -> tuple[Path, object | None]:
        return self.base.path, self.base.facts

    def fork(self, *closing: socket.socket, then: Callable[[], object]) -> int:
        """Fork a child that leaves this server behind, then calls `then` (which never returns)."""
        pid = os.fork()
        if pid == 0:
            try:
                spare = () if self.spare is None else (self.spare.handover,)
                leave_server(
                    (self.control, *closing, *spare, *self.answers.values()), self.own, self.limits
                )
                then()
            finally:
                os._exit(70)
        return pid

    def fork_spare(self) -> None:
        """Fork the next session's explorer now, so that session starts without the fork."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            pid = self.fork(ours, then=lambda: explore(*wait_for_session(theirs), *self.what()))
        except OSError:
            ours.close()
            raise
        finally:
            theirs.close()
        self.spare = Spare(pid, ours)

    def hand_to_spare(self, message: bytes, slave: int, errors: int) -> int | None:
        """The spare's pid once it has the session, or None if there is none to take it."""
        spare = self.spare
        if spare is None:
            return None
        self.spare = None
        try:
            socket.send_fds(spare.handover, [message], [slave, errors])
        except OSError:  # it has died since it was forked
            return None
        finally:
            spare.handover.close()
        return spare.pid

    def drop_spare(self) -> None:
        if self.spare is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.spare.pid, signal.SIGKILL)
            self.spare.handover.close()
            self.spare = None

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if self.spare is not None and pid == self.spare.pid:
                self.spare.handover.close()
                self.spare = None
                self.spare_due = time.monotonic() + SPARE_DELAY
            answer = self.answers.pop(pid, None)
            if answer is not None:
                with contextlib.suppress(OSError):
                    answer.send(f"exit {os.waitstatus_to_exitcode(status)}".encode())
                answer.close()


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
