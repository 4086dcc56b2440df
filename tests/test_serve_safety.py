"""SSH sessions fail safe: crashes stay on the server, no core files, no root, bounded lifetimes.

Most tests run the light stand-in child (tests/serve_child.py); the command-line ones start
`liaoning-tui serve` itself. Traffic stays on 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import re
import shutil
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncssh
import pytest

from liaoning_tui.cli import main
from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.crash import CRASHED
from liaoning_tui.serve.endings import NO_COMMANDS, RESET_TERMINAL
from liaoning_tui.serve.log import Log
from liaoning_tui.serve.presses import pressed
from liaoning_tui.serve.privileges import ROOT_REFUSED
from liaoning_tui.serve.ssh import Server, serve
from tests.test_serve import (
    ECHO,
    Start,
    connect,
    eventually,
    facts_file,
    gone,
    host_key,
    log_of,
    nobody_can_run_python,
    open_terminal,
    raw,
    readable_facts,
    start,
)

__all__ = ["facts_file", "host_key", "readable_facts", "start"]  # fixtures used by name

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="only root can be refused as root")


def proc_status(pid: int) -> dict[str, str]:
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return {name: value.strip() for name, _, value in (line.partition(":") for line in lines)}


# A crash is logged, not shown


async def test_a_crash_is_logged_with_its_session_and_the_reader_sees_one_line(
    start: Start,
) -> None:
    server = await start()
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection)
        await reader.ready()
        process.stdin.write(b"c")
        completed = await asyncio.wait_for(process.wait(), 10)
    assert completed.exit_status == 1
    assert raw(completed.stderr) == CRASHED.encode() + b"\r\n"
    assert raw(completed.stdout).endswith(RESET_TERMINAL + b"\r\n")
    assert b"Traceback" not in raw(completed.stdout) and b"/srv/secret" not in raw(completed.stdout)
    await eventually(lambda: "disconnect" in log_of(server))
    log = log_of(server)
    number = re.search(r" session=(\d+) ", log)
    assert number, log
    assert re.search(
        rf"crash 127\.0\.0\.1:\d+ session={number[1]} status=1_\(crashed\) "
        r"error=RuntimeError: boom in /srv/secret/explorer\.py\n",
        log,
    ), log
    assert log.count(f"trace 127.0.0.1:{connection_port(log)} session={number[1]} ") >= 3
    assert log.count("Traceback") == 1
    assert "status=1 (crashed)" in log


async def test_a_crash_inside_textual_shows_the_reader_one_line_and_no_traceback(
    start: Start, facts_file: Path
) -> None:
    crashing = (sys.executable, str(Path(__file__).with_name("crashing_explorer.py")))
    server = await start((*crashing, "--facts", str(facts_file)))
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        await reader.settle()
        process.stdin.write(b"?")
        completed = await asyncio.wait_for(process.wait(), 20)
    seen = bytes(reader.seen) + raw(completed.stdout)
    assert completed.exit_status == 1
    assert raw(completed.stderr) == CRASHED.encode() + b"\r\n"
    assert b"Traceback" not in seen and b"boom" not in seen
    assert seen.endswith(RESET_TERMINAL + b"\r\n")
    await eventually(lambda: "disconnect" in log_of(server))
    assert re.search(
        r"crash \S+ session=\d+ status=1_\(crashed\) error=RuntimeError: boom", log_of(server)
    )


def connection_port(log: str) -> str:
    found = re.search(r"connect 127\.0\.0\.1:(\d+) ", log)
    assert found
    return found[1]


# No core files, no signals before raw mode, a lower priority and limits


async def test_explorers_run_niced_with_limits_and_no_core_files(start: Start) -> None:
    server = await start()
    async with await connect(server) as connection:
        _process, reader = await open_terminal(connection)
        pid = (await reader.ready())["pid"]
        limits = Path(f"/proc/{pid}/limits").read_text()
        child_nice = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])
    assert re.search(r"Max core file size\s+0\s+0 ", limits)
    assert re.search(r"Max address space\s+1073741824\s+1073741824 ", limits)
    assert re.search(r"Max cpu time\s+900\s+905 ", limits)
    assert child_nice == os.nice(0) + 10


async def test_ctrl_c_and_ctrl_backslash_before_raw_mode_are_not_signals(
    start: Start, tmp_path: Path
) -> None:
    slow = tmp_path / "slow.py"
    slow.write_text(
        "import os, sys, time, termios\n"
        "isig = termios.tcgetattr(0)[3] & termios.ISIG\n"
        "time.sleep(1.0)\n"
        "os.write(1, b'alive isig=%d\\r\\n' % bool(isig))\n"
    )
    server = await start((sys.executable, str(slow)))
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection)
        process.stdin.write(b"\x03\x1c")
        await reader.expect(b"alive isig=0")
        completed = await asyncio.wait_for(process.wait(), 10)
    assert completed.exit_status == 0
    assert not list(tmp_path.glob("core*")) and not list(Path.cwd().glob("core*"))


# Bounded sessions


async def test_a_session_ends_at_its_time_limit_after_a_warning(start: Start) -> None:
    server = await start(max_session_time=1.0)
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection)
        pid = (await reader.ready())["pid"]
        completed = await asyncio.wait_for(process.wait(), 10)
    assert b"This session ends in 1 seconds" in bytes(reader.seen) + raw(completed.stdout)
    assert b"reached its time limit (1 seconds)" in raw(completed.stderr)
    assert await gone(pid)
    await eventually(lambda: "(time limit)" in log_of(server))


def test_only_keys_count_as_the_reader_being_there() -> None:
    assert not pressed(b"\x1b[<35;10;5M\x1b[<35;11;5M")
    assert not pressed(b"\x1b[M !!\x1b[I\x1b[O\x1b[?2026;2$y")
    assert pressed(b"\x1b[<35;10;5Mj")
    assert pressed(b"\x1b[B")


async def test_mouse_motion_does_not_keep_an_idle_session_open(start: Start) -> None:
    server = await start(idle_timeout=0.8)
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection)
        await reader.ready()
        moving = 0
        for n in range(40):
            await asyncio.sleep(0.1)
            try:
                process.stdin.write(b"\x1b[<35;%d;5M" % (n + 1))
            except BrokenPipeError:
                break
            moving += 1
        completed = await asyncio.wait_for(process.wait(), 10)
    assert moving < 30, "the pointer kept the session open"
    assert b"No key pressed" in raw(completed.stderr)


async def test_a_session_refused_for_a_limit_closes_its_connection(start: Start) -> None:
    server = await start(max_sessions=1)
    async with await connect(server) as first:
        _process, reader = await open_terminal(first)
        await reader.ready()
        second = await connect(server)
        refused, _ = await open_terminal(second)
        completed = await asyncio.wait_for(refused.wait(), 10)
        assert b"The server is full" in raw(completed.stderr)
        await asyncio.wait_for(second.wait_closed(), 10)


@pytest.mark.skipif(shutil.which("ssh") is None, reason="no OpenSSH client here")
async def test_a_command_gets_a_one_line_explanation(start: Start) -> None:
    server = await start()
    command = await asyncio.create_subprocess_exec(
        *("ssh", "-p", str(server.port), "-F", "/dev/null"),
        *("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"),
        *("-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "reader@127.0.0.1", "id"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(command.communicate(), 10)
    assert command.returncode != 0 and out == b""
    assert NO_COMMANDS.encode() in err, err


async def test_the_empty_user_name_is_refused_as_the_docs_say(start: Start) -> None:
    server = await start()
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, username="")
    docs = Path(__file__).parents[1] / "docs" / "serving.md"
    assert "any user name but the empty one" in docs.read_text(encoding="utf-8")


# The command: root, SIGHUP, a log that cannot be written


@root_only
def test_serve_refuses_root_without_a_user(
    tmp_path: Path, readable_facts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "key"
    args = ["serve", "--open", "--facts", str(readable_facts), "--host-key", str(key)]
    assert main(args) == 2
    assert ROOT_REFUSED in capsys.readouterr().err
    assert not key.exists()
    assert main([*args, "--user", "no-such-user-here"]) == 2
    assert "no such user" in capsys.readouterr().err


class Served:
    """`liaoning-tui serve` as a child process, with its announced port."""

    def __init__(self, command: asyncio.subprocess.Process, port: int) -> None:
        self.command = command
        self.port = port


async def serve_command(
    facts: Path, key: Path, *extra: str, stderr: int | None = None
) -> AsyncIterator[Served]:
    command = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "liaoning_tui", "serve", "--open", *extra),
        *("--listen", "127.0.0.1:0", "--host-key", str(key), "--facts", str(facts)),
        stdout=asyncio.subprocess.PIPE,
        stderr=stderr if stderr is not None else asyncio.subprocess.PIPE,
    )
    assert command.stdout is not None
    try:
        announced = await asyncio.wait_for(command.stdout.readuntil(b"ctrl+c\n"), 20)
        port = re.search(rb"listening on 127\.0\.0\.1:(\d+) ", announced)
        assert port, announced
        yield Served(command, int(port[1]))
    finally:
        if command.returncode is None:
            command.kill()
            await command.wait()


def as_nobody_args() -> list[str]:
    return ["--user", "nobody"] if os.geteuid() == 0 else []


@root_only
async def test_serve_as_root_drops_to_the_named_user_before_readers_come(
    tmp_path: Path, readable_facts: Path
) -> None:
    nobody = pwd.getpwnam("nobody")
    async for served in serve_command(readable_facts, tmp_path / "key", "--user", "nobody"):
        status = proc_status(served.command.pid)
        assert status["Uid"].split() == [str(nobody.pw_uid)] * 4
        assert status["Gid"].split() == [str(nobody.pw_gid)] * 4
        served.command.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(served.command.wait(), 10) == 0


async def test_sighup_stops_the_server_and_a_full_log_keeps_no_reader_out(
    tmp_path: Path, readable_facts: Path
) -> None:
    if not nobody_can_run_python():
        pytest.skip("as root the server drops to nobody, who cannot run this Python here")
    with Path("/dev/full").open("w") as full:
        async for served in serve_command(
            readable_facts, tmp_path / "key", *as_nobody_args(), stderr=full.fileno()
        ):
            connection = await asyncssh.connect(
                "127.0.0.1",
                served.port,
                username="reader",
                known_hosts=None,
                client_keys=None,
                agent_path=None,
            )
            process, reader = await open_terminal(connection, (100, 30))
            await reader.expect(b"Overview", timeout=30)
            served.command.send_signal(signal.SIGHUP)
            completed = await asyncio.wait_for(process.wait(), 10)
            assert b"shutting down" in raw(completed.stderr)
            assert RESET_TERMINAL in raw(completed.stdout)
            assert await asyncio.wait_for(served.command.wait(), 10) == 0
            connection.close()


@pytest.mark.parametrize("broken", ["/dev/full", "closed pipe"])
async def test_sighup_stops_serve_and_a_log_that_cannot_be_written_keeps_no_reader_out(
    host_key: asyncssh.SSHKey, broken: str
) -> None:
    if broken == "/dev/full":
        stream = Path("/dev/full").open("w")  # noqa: SIM115
    else:
        read_end, write_end = os.pipe()
        os.close(read_end)
        stream = os.fdopen(write_end, "w")
    log = Log(stream)
    config = ServeConfig(
        command=ECHO, anonymous=True, listen=ListenAddress("127.0.0.1", 0), log=log, grace=0.5
    )
    ready: asyncio.Future[Server] = asyncio.get_running_loop().create_future()
    serving = asyncio.create_task(serve(config, host_key, ready.set_result))
    try:
        server = await asyncio.wait_for(ready, 10)
        async with await connect(server) as connection:
            process, reader = await open_terminal(connection)
            await reader.ready()
            os.kill(os.getpid(), signal.SIGHUP)
            completed = await asyncio.wait_for(process.wait(), 10)
        assert b"shutting down" in raw(completed.stderr)
        assert RESET_TERMINAL in raw(completed.stdout)
        await asyncio.wait_for(serving, 10)
        assert log.lost >= 3  # connect, session, stopping at least
    finally:
        serving.cancel()
        with contextlib.suppress(OSError, ValueError):
            stream.close()
