"""Explorers forked warm from the fork server: the real app on its own terminal, with the same
limits and environment as a cold one, a fact base edited on disk seen by the next session, and
no process left behind when the fork server or an explorer is killed."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaoning_tui.serve.confine import ChildLimits
from liaoning_tui.serve.crash import CRASHED
from liaoning_tui.serve.ssh import Server
from liaoning_tui.serve.warm import WarmStart
from tests.test_serve import (
    KEYS,
    Start,
    connect,
    eventually,
    facts_file,
    gone,
    host_key,
    log_of,
    open_terminal,
    raw,
    start,
)

__all__ = ["facts_file", "host_key", "start"]  # fixtures used by name


@pytest.fixture
def warm(facts_file: Path) -> Iterator[WarmStart]:
    fork_server = WarmStart(facts_file, ChildLimits(nice=5, memory_mib=900, cpu_seconds=600))
    fork_server.start()
    yield fork_server
    fork_server.stop()


def proc(pid: int, name: str) -> str:
    return Path(f"/proc/{pid}/{name}").read_text(encoding="utf-8", errors="replace")


def explorer_pid(server: Server) -> int:
    (session,) = server.live.sessions
    assert session.pid is not None
    return session.pid


async def test_a_forked_explorer_is_the_real_app_and_ends_with_its_status(
    start: Start, warm: WarmStart
) -> None:
    server = await start(warm=warm)
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        await reader.expect(b"Companies")
        pid = explorer_pid(server)
        assert int(proc(pid, "stat").split(") ")[1].split()[1]) == warm.process.pid  # type: ignore[union-attr]
        process.stdin.write(KEYS["ctrl+q"])
        completed = await asyncio.wait_for(process.wait(), 20)
    assert completed.exit_status == 0
    assert await gone(pid)
    await eventually(lambda: "status=exit" in log_of(server) or "disconnect" in log_of(server))


async def test_a_forked_explorer_leads_its_session_with_the_limits_and_a_clean_environment(
    start: Start, warm: WarmStart
) -> None:
    server = await start(warm=warm)
    sent = {"LANG": "C.UTF-8", "SECRET": "from the client", "LD_PRELOAD": "/tmp/evil.so"}
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (90, 30), env=sent)
        await reader.expect(b"Overview", timeout=30)
        pid = explorer_pid(server)
        fields = proc(pid, "stat").rsplit(") ", 1)[1].split()
        session_id, terminal, nice = int(fields[3]), int(fields[4]), int(fields[16])
        assert session_id == pid  # a session leader
        assert terminal != 0  # with a controlling terminal
        assert nice == os.nice(0) + 5
        limits = proc(pid, "limits")
        assert "Max address space         943718400            943718400" in limits
        assert "Max cpu time              600                  605" in limits
        assert "Max core file size        0                    0" in limits
        # /proc shows the environment the fork server was started with (a fork has no exec):
        # the server's PATH and HOME, nothing else of its own and nothing of the client's.
        # The explorer's os.environ is child_environment()'s, as a cold explorer's is.
        environment = dict(
            entry.split("=", 1) for entry in proc(pid, "environ").split("\0") if "=" in entry
        )
        assert environment == {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": os.environ.get("HOME", str(Path.home())),
        }


async def test_a_fact_base_edited_on_disk_is_seen_by_the_next_session(
    start: Start, warm: WarmStart, facts_file: Path
) -> None:
    server = await start(warm=warm)
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Quokka Robotics", timeout=30)
    text = facts_file.read_text(encoding="utf-8").replace("Quokka Robotics", "Wombat Machines")
    facts_file.write_text(text, encoding="utf-8")
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Wombat Machines", timeout=30)


async def test_killing_the_fork_server_leaves_no_explorer_and_the_next_session_starts(
    start: Start, warm: WarmStart
) -> None:
    server = await start(warm=warm)
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        pid = explorer_pid(server)
        assert warm.process is not None
        warm.process.send_signal(signal.SIGKILL)
        assert await gone(pid)
        await asyncio.wait_for(process.wait(), 10)
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)


async def test_a_killed_explorer_is_reaped_and_its_session_told(
    start: Start, warm: WarmStart
) -> None:
    server = await start(warm=warm)
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        pid = explorer_pid(server)
        os.kill(pid, signal.SIGKILL)
        completed = await asyncio.wait_for(process.wait(), 10)
    assert completed.exit_signal is not None or completed.exit_status != 0
    assert await gone(pid)  # reaped by the fork server, not a zombie
    await eventually(lambda: "SIGKILL" in log_of(server))


async def test_stopping_the_fork_server_with_the_server_leaves_nothing(
    start: Start, facts_file: Path
) -> None:
    fork_server = WarmStart(facts_file, ChildLimits())
    fork_server.start()
    server = await start(warm=fork_server)
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        pid = explorer_pid(server)
        assert fork_server.process is not None
        helper = fork_server.process.pid
        await server.shutdown()
        fork_server.stop()
    assert await gone(pid)
    assert await gone(helper)


async def test_a_fact_base_broken_on_disk_is_reported_to_the_log_not_the_reader(
    start: Start, warm: WarmStart, facts_file: Path
) -> None:
    server = await start(warm=warm)
    facts_file.write_text('title = "Broken"\n[[entities]]\nid = 3\n', encoding="utf-8")
    async with await connect(server) as connection:
        process, _ = await open_terminal(connection, (100, 30))
        completed = await asyncio.wait_for(process.wait(), 30)
    assert completed.exit_status == 1
    assert CRASHED.encode() in raw(completed.stderr)
    assert str(facts_file).encode() not in raw(completed.stdout) + raw(completed.stderr)
    await eventually(lambda: " crash " in log_of(server))
    assert f"text='{facts_file}:" in log_of(server)
