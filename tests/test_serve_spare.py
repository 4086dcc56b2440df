"""The spare explorer the fork server forks ahead: the session given it gets the reader's own
terminal size and environment, a base edited on disk is never served from an old spare, and a
killed spare or fork server leaves nothing behind."""

from __future__ import annotations

import os
import signal
from collections.abc import Collection
from pathlib import Path

from liaoning_tui.serve.ssh import Server
from liaoning_tui.serve.warm import WarmStart
from tests.test_serve import (
    Start,
    connect,
    eventually,
    facts_file,
    gone,
    host_key,
    open_terminal,
    start,
    widths,
)
from tests.test_serve_warm import explorer_pid, proc, warm

__all__ = ["facts_file", "host_key", "start", "warm"]  # fixtures used by name

TRUE_COLOUR = b"\x1b[38;2;"
COLOUR_256 = b"\x1b[38;5;"


def forked(warm: WarmStart) -> set[int]:
    assert warm.process is not None
    pid = warm.process.pid
    return {int(child) for child in proc(pid, f"task/{pid}/children").split()}


def without_terminal(pid: int) -> bool:
    return int(proc(pid, "stat").rsplit(") ", 1)[1].split()[4]) == 0


async def the_spare(warm: WarmStart, taken: Collection[int] = ()) -> int:
    """The one child of the fork server that has no terminal yet and was not handed out."""
    waiting: set[int] = set()

    def found() -> bool:
        waiting.clear()
        waiting.update(pid for pid in forked(warm) - set(taken) if without_terminal(pid))
        return len(waiting) == 1

    await eventually(found, timeout=30)
    (pid,) = waiting
    return pid


async def test_each_session_takes_the_spare_with_its_own_size_and_environment(
    start: Start, warm: WarmStart
) -> None:
    server = await start(warm=warm)
    first = await the_spare(warm)
    fields = proc(first, "stat").rsplit(") ", 1)[1].split()
    assert int(fields[3]) == first  # a session of its own already
    assert int(fields[16]) == os.nice(0) + 5  # and the limits
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30), env={"COLORTERM": "truecolor"})
        frame = await reader.expect(b"Overview", timeout=30)
        frame += await reader.expect(b"Companies")
        assert explorer_pid(server) == first
        assert not without_terminal(first)
        assert max(widths(frame)) == 100
        assert TRUE_COLOUR in frame
        second = await the_spare(warm, taken={first})
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (120, 40))
        frame = await reader.expect(b"Overview", timeout=30)
        frame += await reader.expect(b"Companies")
        assert explorer_pid(server) == second
        assert max(widths(frame)) == 120
        assert COLOUR_256 in frame
        assert TRUE_COLOUR not in frame


async def test_a_spare_forked_before_an_edit_on_disk_is_dropped_for_the_new_base(
    start: Start, warm: WarmStart, facts_file: Path
) -> None:
    server = await start(warm=warm)
    old = await the_spare(warm)
    text = facts_file.read_text(encoding="utf-8").replace("Quokka Robotics", "Wombat Machines")
    facts_file.write_text(text, encoding="utf-8")
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Wombat Machines", timeout=30)
        assert explorer_pid(server) != old
    assert await gone(old)


async def test_a_killed_spare_is_reaped_and_the_next_session_still_starts(
    start: Start, warm: WarmStart
) -> None:
    server = await start(warm=warm)
    spare = await the_spare(warm)
    os.kill(spare, signal.SIGKILL)
    assert await gone(spare)  # reaped by the fork server, not a zombie
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        session = explorer_pid(server)
        assert session != spare
        assert await the_spare(warm, taken={session}) != spare


async def test_killing_the_fork_server_leaves_neither_the_spare_nor_an_explorer(
    start: Start, warm: WarmStart
) -> None:
    server: Server = await start(warm=warm)
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        session = explorer_pid(server)
        spare = await the_spare(warm, taken={session})
        assert warm.process is not None
        warm.process.send_signal(signal.SIGKILL)
        assert await gone(session)
        assert await gone(spare)
