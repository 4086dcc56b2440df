"""The SSH server, through a real asyncssh client (and OpenSSH's, if installed) on 127.0.0.1.

Most tests run a light stand-in child (tests/serve_child.py) that reports what it sees; the
ones named `..._app_...` or `..._explorer_...` run the real explorer.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from liaoning_tui.cli import main
from liaoning_tui.serve import hostkey
from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.endings import NO_COMMANDS
from liaoning_tui.serve.log import Log
from liaoning_tui.serve.ssh import Server
from tests.conftest import MINIMAL

ECHO = (sys.executable, str(Path(__file__).with_name("serve_child.py")))
STUBBORN = (*ECHO, "--stubborn")

FACTS = (
    MINIMAL.replace('title = "Test base"', 'title = "Serve test base"').replace(
        'name = "Liaoning"\n',
        'name = "Liaoning"\nsummary = "Province summary with the word Lighthousekeeper."\n',
    )
    + """
[[entities]]
id = "quokka-robotics"
kind = "company"
name = "Quokka Robotics"
summary = "Company summary with the word Marmalade."

[[entities.links]]
rel = "located_in"
to = "liaoning"
"""
)

KEYS = {"down": b"\x1b[B", "enter": b"\r", "ctrl+q": b"\x11"}
CURSOR_TO = re.compile(rb"\x1b\[\d+;\d+H")
ESCAPE = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()].|\x1b."
)

Start = Callable[..., Awaitable[Server]]
Process = asyncssh.SSHClientProcess[bytes]


def raw(output: bytes | str | None) -> bytes:
    """What a session wrote: the tests open sessions in binary mode."""
    assert isinstance(output, bytes)
    return output


def screen_text(data: bytes) -> str:
    """Terminal output as text: each cursor jump starts a new line, other escapes are dropped."""
    return ESCAPE.sub(b"", CURSOR_TO.sub(b"\n", data)).decode("utf-8", "replace")


def widths(data: bytes) -> set[int]:
    return {len(line) for line in screen_text(data).splitlines()}


class Reader:
    """Reads a stream as it comes, waiting for a given text with a deadline."""

    def __init__(self, stream: asyncssh.SSHReader[bytes]) -> None:
        self.stream = stream
        self.seen = bytearray()
        self.mark = 0

    async def expect(self, needle: bytes, timeout: float = 10.0) -> bytes:
        """Everything from the last match to the end of the next `needle`."""
        await self._fill(lambda data: needle in data, timeout, repr(needle))
        start = self.mark
        self.mark = self.seen.index(needle, start) + len(needle)
        return bytes(self.seen[start : self.mark])

    async def until(
        self, condition: Callable[[bytes], bool], timeout: float = 10.0, what: str = "it"
    ) -> bytes:
        """All the output since the last match, once it meets `condition`."""
        await self._fill(condition, timeout, what)
        start, self.mark = self.mark, len(self.seen)
        return bytes(self.seen[start:])

    async def _fill(self, condition: Callable[[bytes], bool], timeout: float, what: str) -> None:
        async def fill() -> None:
            while not condition(bytes(self.seen[self.mark :])):
                chunk = await self.stream.read(65536)
                if not chunk:
                    raise AssertionError(f"output ended before {what}: {self.tail()!r}")
                self.seen += chunk

        try:
            await asyncio.wait_for(fill(), timeout)
        except TimeoutError:
            raise AssertionError(f"no {what} in {timeout}s: {self.tail()!r}") from None

    async def settle(self, quiet: float = 0.3) -> None:
        """Read until nothing more comes for `quiet` seconds, and forget it."""
        with contextlib.suppress(TimeoutError):
            while True:
                self.seen += await asyncio.wait_for(self.stream.read(65536), quiet)
        self.mark = len(self.seen)

    async def ready(self) -> dict[str, Any]:
        """The stand-in child's report of what it sees."""
        await self.expect(b"ready ")
        report: dict[str, Any] = json.loads(await self.expect(b"\r\n"))
        return report

    def tail(self) -> bytes:
        return bytes(self.seen[-400:])


@pytest.fixture(scope="session")
def host_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519")


@pytest.fixture
def facts_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    path.write_text(FACTS, encoding="utf-8")
    return path


@pytest.fixture
def readable_facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shared")
    folder.chmod(0o755)
    path = folder / "facts.toml"
    path.write_text(FACTS, encoding="utf-8")
    path.chmod(0o644)
    return path


def nobody_can_run_python() -> bool:
    if os.geteuid() != 0:
        return True
    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import liaoning_tui"],
            user="nobody",
            capture_output=True,
            check=False,
            timeout=30,
        )
    except OSError:
        return False
    return probe.returncode == 0


@pytest.fixture
def explorer(facts_file: Path) -> tuple[str, ...]:
    return (sys.executable, "-m", "liaoning_tui", "--facts", str(facts_file))


@pytest.fixture
async def start(host_key: asyncssh.SSHKey) -> AsyncIterator[Start]:
    servers: list[Server] = []

    async def start(command: Sequence[str] = ECHO, **settings: Any) -> Server:
        settings.setdefault("anonymous", "authorized_keys" not in settings)
        settings.setdefault("grace", 0.5)
        settings.setdefault("listen", ListenAddress("127.0.0.1", 0))
        config = ServeConfig(command=tuple(command), log=Log(io.StringIO()), **settings)
        server = Server(config, host_key)
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await asyncio.wait_for(server.shutdown(), 10)


def log_of(server: Server) -> str:
    stream = server.config.log.stream
    assert isinstance(stream, io.StringIO)
    return stream.getvalue()


async def connect(server: Server, **options: Any) -> asyncssh.SSHClientConnection:
    options.setdefault("username", "reader")
    options.setdefault("client_keys", None)
    options.setdefault("agent_path", None)
    host = server.config.listen.host
    return await asyncssh.connect(host, server.port, known_hosts=None, **options)


async def open_terminal(
    connection: asyncssh.SSHClientConnection,
    size: tuple[int, int] = (80, 24),
    env: dict[str, str] | None = None,
) -> tuple[Process, Reader]:
    process = await connection.create_process(
        term_type="xterm-256color", term_size=size, env=env or {}, encoding=None
    )
    return process, Reader(process.stdout)


async def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the condition did not come true in time")


async def gone(pid: int, timeout: float = 5.0) -> bool:
    """Whether `pid` has ended and been reaped within `timeout`."""
    for _ in range(int(timeout / 0.05)):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        await asyncio.sleep(0.05)
    return False


# The real explorer


async def test_the_explorer_tree_appears_in_the_session(
    start: Start, explorer: Sequence[str]
) -> None:
    server = await start(explorer)
    async with await connect(server) as connection:
        _, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        await reader.expect(b"Companies")


async def test_keys_change_the_explorer_detail_and_quitting_ends_the_session(
    start: Start, explorer: Sequence[str]
) -> None:
    server = await start(explorer)
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        await reader.settle()
        assert b"Marmalade" not in reader.seen
        for key in ("down", "enter", "down"):
            process.stdin.write(KEYS[key])
            await asyncio.sleep(0.2)
        await reader.expect(b"Marmalade")
        process.stdin.write(KEYS["ctrl+q"])
        completed = await asyncio.wait_for(process.wait(), 10)
    assert completed.exit_status == 0


async def test_a_window_change_redraws_the_app_at_the_new_width(
    start: Start, explorer: Sequence[str]
) -> None:
    server = await start(explorer)
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        await reader.settle()
        process.change_terminal_size(120, 30)
        redrawn = await reader.until(lambda data: 120 in widths(data), what="a 120-column line")
        assert max(widths(redrawn)) == 120


# The session and its child


async def test_the_child_is_a_session_leader_with_the_terminal_at_the_client_size(
    start: Start,
) -> None:
    server = await start()
    async with await connect(server) as connection:
        _process, reader = await open_terminal(connection, (90, 30))
        report = await reader.ready()
    assert report["size"] == "90x30"
    assert report["leader"] and report["ctty"]


async def test_window_changes_reach_the_child(start: Start) -> None:
    server = await start()
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection, (80, 24))
        await reader.ready()
        process.change_terminal_size(132, 43)
        await reader.expect(b"size=132x43\r\n")
        process.change_terminal_size(10**6, 10**6)
        await reader.expect(b"size=512x256\r\n")


async def test_the_child_environment_is_built_from_scratch(start: Start) -> None:
    server = await start()
    sent = {
        "LANG": "C.UTF-8",
        "LC_TIME": "C",
        "COLORTERM": "truecolor",
        "NO_COLOR": "1",
        "SECRET": "from the client",
        "PYTHONPATH": "/tmp/elsewhere",
        "LD_PRELOAD": "/tmp/evil.so",
    }
    async with await connect(server) as connection:
        _process, reader = await open_terminal(connection, env=sent)
        report = await reader.ready()
    assert report["env"] == {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": os.environ.get("HOME", str(Path.home())),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_TIME": "C",
        "COLORTERM": "truecolor",
        "NO_COLOR": "1",
    }


async def test_the_app_quitting_closes_the_session_with_its_status_and_logs_it(
    start: Start,
) -> None:
    server = await start()
    async with await connect(server, username="alice") as connection:
        process, reader = await open_terminal(connection)
        await reader.ready()
        process.stdin.write(b"hi")
        await reader.expect(b"key=6869")
        process.stdin.write(b"q")
        completed = await asyncio.wait_for(process.wait(), 10)
    assert completed.exit_status == 3
    await eventually(lambda: "disconnect" in log_of(server))
    connect_line, session_line, disconnect_line = log_of(server).splitlines()
    assert re.fullmatch(
        r"\S+Z session 127\.0\.0\.1:\d+ session=\d+ term=xterm-256color size=80x24", session_line
    )
    assert re.fullmatch(
        r"\S+Z connect 127\.0\.0\.1:\d+ user=alice client=SSH-2\.0-AsyncSSH_\S+ "
        r"cipher=\S+ mac=\S+ compression=none",
        connect_line,
    )
    assert re.fullmatch(
        r"\S+Z disconnect 127\.0\.0\.1:\d+ user=alice duration=\d+\.\ds status=3", disconnect_line
    )


async def test_a_dropped_connection_leaves_no_child_behind(start: Start) -> None:
    server = await start(STUBBORN)
    connection = await connect(server)
    _process, reader = await open_terminal(connection)
    pid = (await reader.ready())["pid"]
    connection.abort()
    assert await gone(pid), "the child outlived its connection"
    await eventually(lambda: "status=SIGKILL" in log_of(server))


async def test_twenty_concurrent_sessions_each_get_their_own_child(start: Start) -> None:
    server = await start(max_per_address=20)

    async def session() -> tuple[asyncssh.SSHClientConnection, int]:
        connection = await connect(server)
        _process, reader = await open_terminal(connection)
        return connection, (await reader.ready())["pid"]

    sessions = await asyncio.gather(*(session() for _ in range(20)))
    pids = {pid for _, pid in sessions}
    assert len(pids) == 20
    for connection, _ in sessions:
        connection.close()
    assert all(await asyncio.gather(*(gone(pid) for pid in pids)))


# What is refused


async def test_exec_is_refused(start: Start) -> None:
    server = await start()
    async with await connect(server) as connection:
        completed = await asyncio.wait_for(connection.run("cat /etc/passwd"), 10)
    assert completed.exit_status == 1 and completed.stdout == ""
    assert completed.stderr == NO_COMMANDS + "\r\n"
    await eventually(lambda: "status=refused exec" in log_of(server))


async def test_sftp_and_scp_are_refused(start: Start, tmp_path: Path) -> None:
    server = await start()
    async with await connect(server) as connection:
        with pytest.raises(asyncssh.ChannelOpenError):
            await connection.start_sftp_client()
        with pytest.raises((asyncssh.ChannelOpenError, asyncssh.SFTPError)):
            await asyncssh.scp((connection, "/etc/hostname"), tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


async def test_port_forwarding_is_refused_both_ways(start: Start) -> None:
    server = await start()
    async with await connect(server) as connection:
        with pytest.raises(asyncssh.ChannelOpenError):
            await connection.open_connection("127.0.0.1", server.port)
        with pytest.raises(asyncssh.ChannelListenError):
            await connection.forward_remote_port("127.0.0.1", 0, "127.0.0.1", server.port)


async def test_agent_forwarding_is_refused(
    start: Start, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = await start()
    caplog.set_level("INFO", logger="asyncssh")
    async with await connect(
        server, agent_forwarding=True, agent_path=str(tmp_path / "agent.sock")
    ) as connection:
        _process, reader = await open_terminal(connection)
        report = await reader.ready()
    assert "SSH_AUTH_SOCK" not in report["env"]
    assert "Agent forwarding request denied" in caplog.text


async def test_a_session_without_a_terminal_is_told_why_and_closed(start: Start) -> None:
    server = await start()
    async with await connect(server) as connection:
        completed = await asyncio.wait_for(connection.run(), 10)
    assert completed.exit_status == 1
    assert "needs a terminal" in str(completed.stderr)
    assert str(completed.stderr).count("\n") == 1


# Who may connect


def _authorized(tmp_path: Path, key: asyncssh.SSHKey) -> Path:
    path = tmp_path / "authorized_keys"
    key.write_public_key(path)
    return path


async def test_authorized_keys_let_a_known_key_in_and_no_other(
    start: Start, tmp_path: Path
) -> None:
    known = asyncssh.generate_private_key("ssh-ed25519")
    stranger = asyncssh.generate_private_key("ssh-ed25519")
    server = await start(anonymous=False, authorized_keys=_authorized(tmp_path, known))
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, client_keys=[stranger])
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, client_keys=None, password="guess")
    async with await connect(server, client_keys=[known]) as connection:
        _process, reader = await open_terminal(connection)
        await reader.ready()
    await eventually(lambda: log_of(server).count("disconnect") == 3)
    log = log_of(server)
    assert log.count("status=not authenticated") == 2
    assert known.export_public_key().split()[1].decode() not in log
    assert known.get_fingerprint() not in log


async def test_keys_added_later_are_let_in_without_a_restart(start: Start, tmp_path: Path) -> None:
    first = asyncssh.generate_private_key("ssh-ed25519")
    later = asyncssh.generate_private_key("ssh-ed25519")
    path = _authorized(tmp_path, first)
    server = await start(anonymous=False, authorized_keys=path)
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, client_keys=[later])
    path.write_bytes(first.export_public_key() + later.export_public_key())
    connection = await connect(server, client_keys=[later])
    connection.close()


# Limits


async def test_the_session_limit_holds_and_says_so(start: Start) -> None:
    server = await start(max_sessions=2)
    connection = await connect(server)
    first, first_reader = await open_terminal(connection)
    _second, second_reader = await open_terminal(connection)
    await first_reader.ready()
    await second_reader.ready()
    third, _ = await open_terminal(connection)
    completed = await asyncio.wait_for(third.wait(), 10)
    assert completed.exit_status == 1
    assert b"The server is full" in raw(completed.stderr)
    first.stdin.write(b"q")
    await first.wait()
    _fourth, fourth_reader = await open_terminal(connection)
    await fourth_reader.ready()
    connection.close()


async def test_the_limit_per_address_holds_and_says_so(start: Start) -> None:
    server = await start(max_per_address=1)
    async with await connect(server) as connection:
        _first, first_reader = await open_terminal(connection)
        await first_reader.ready()
        async with await connect(server) as other:
            second, _ = await open_terminal(other)
            completed = await asyncio.wait_for(second.wait(), 10)
    assert completed.exit_status == 1
    assert b"the most sessions allowed (1)" in raw(completed.stderr)


async def test_an_idle_session_is_told_and_closed(start: Start) -> None:
    server = await start(STUBBORN, idle_timeout=0.6)
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection)
        pid = (await reader.ready())["pid"]
        for _ in range(4):
            await asyncio.sleep(0.3)
            process.stdin.write(b"x")
        await reader.expect(b"key=78")
        completed = await asyncio.wait_for(process.wait(), 10)
    assert b"No key pressed for 0.6 seconds" in raw(completed.stderr)
    assert raw(completed.stdout).endswith(b"\x1b[?25h\x1b[0m\r\n")
    assert await gone(pid)
    await eventually(lambda: "status=SIGKILL (idle)" in log_of(server))


async def test_a_connection_that_never_logs_in_is_dropped(start: Start) -> None:
    server = await start(login_timeout=0.5)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    banner = await asyncio.wait_for(reader.readline(), 5)
    assert banner.startswith(b"SSH-2.0-liaoning_tui")
    await asyncio.wait_for(reader.read(), 5)
    writer.close()
    await eventually(lambda: "status=not authenticated" in log_of(server))


async def test_shutdown_tells_every_session_and_ends_every_child(start: Start) -> None:
    server = await start()
    connections = [await connect(server) for _ in range(2)]
    sessions = [await open_terminal(connection) for connection in connections]
    pids = [(await reader.ready())["pid"] for _, reader in sessions]
    await asyncio.wait_for(server.shutdown(), 10)
    for process, _ in sessions:
        completed = await asyncio.wait_for(process.wait(), 5)
        assert b"shutting down" in raw(completed.stderr)
    assert all([await gone(pid) for pid in pids])


async def test_the_server_listens_on_ipv6_loopback(start: Start) -> None:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    server = await start(listen=ListenAddress("::1", 0))
    async with await connect(server) as connection:
        _process, reader = await open_terminal(connection)
        await reader.ready()
    assert "connect [::1]:" in log_of(server)


@pytest.mark.skipif(shutil.which("ssh") is None, reason="no OpenSSH client here")
async def test_openssh_client_gets_a_session_and_cannot_run_commands(start: Start) -> None:
    server = await start()
    ssh = [
        "ssh",
        *("-p", str(server.port)),
        *("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"),
        *("-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-F", "/dev/null"),
        "reader@127.0.0.1",
    ]
    interactive = await asyncio.create_subprocess_exec(
        *ssh[:-1], "-tt", ssh[-1], stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    assert interactive.stdin is not None and interactive.stdout is not None
    await asyncio.wait_for(interactive.stdout.readuntil(b"ready "), 10)
    interactive.stdin.write(b"q")
    assert await asyncio.wait_for(interactive.wait(), 10) == 3
    command = await asyncio.create_subprocess_exec(
        *ssh, "id", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(command.communicate(), 10)
    assert command.returncode != 0 and out == b""
    assert NO_COMMANDS.encode() in err


# The command


def test_serve_refuses_to_start_without_saying_who_may_connect(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "--authorized-keys FILE" in err and "--open" in err


def test_serve_checks_the_fact_base_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "No entities"\n', encoding="utf-8")
    assert main(["serve", "--open", "--facts", str(broken), "--host-key", str(tmp_path / "k")]) == 1
    assert f"{broken}:1:1:" in capsys.readouterr().err
    assert not (tmp_path / "k").exists()


def test_serve_without_asyncssh_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "asyncssh", None)
    assert main(["serve", "--open"]) == 1
    assert "pip install 'liaoning-tui[ssh]'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:2222", ListenAddress("127.0.0.1", 2222)),
        ("[::1]:2222", ListenAddress("::1", 2222)),
        ("0.0.0.0:22", ListenAddress("0.0.0.0", 22)),
        (":2222", ListenAddress("", 2222)),
    ],
)
def test_listen_addresses(text: str, expected: ListenAddress) -> None:
    assert ListenAddress.parse(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize("text", ["2222", "::1:2222", "[nope]:22", "host:", "host:65536"])
def test_bad_listen_addresses_exit_2(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--open", "--listen", text]) == 2
    assert "--listen" in capsys.readouterr().err


def test_the_host_key_is_made_once_kept_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "data" / "ssh_host_ed25519_key"
    made = hostkey.load_or_create(path)
    assert made.created and made.fingerprint.startswith("SHA256:")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    again = hostkey.load_or_create(path)
    assert not again.created and again.fingerprint == made.fingerprint
    path.chmod(0o644)
    with pytest.raises(hostkey.HostKeyError, match="chmod 600"):
        hostkey.load_or_create(path)


async def test_serve_command_serves_the_explorer_and_stops_cleanly_on_sigterm(
    tmp_path: Path, readable_facts: Path
) -> None:
    if not nobody_can_run_python():
        pytest.skip("as root the server drops to nobody, who cannot run this Python here")
    facts_file = readable_facts
    key_path = tmp_path / "host_key"
    as_nobody = ["--user", "nobody"] if os.geteuid() == 0 else []
    command = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "liaoning_tui", "serve", "--open", *as_nobody),
        *("--listen", "127.0.0.1:0", "--host-key", str(key_path), "--facts", str(facts_file)),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert command.stdout is not None
    try:
        announced = await asyncio.wait_for(command.stdout.readuntil(b"ctrl+c\n"), 20)
        fingerprint = re.search(rb"host key (SHA256:\S+) \(new, ", announced)
        port = re.search(rb"listening on 127\.0\.0\.1:(\d+) \(open to anyone\)", announced)
        assert fingerprint and port, announced
        connection = await asyncssh.connect(
            "127.0.0.1",
            int(port[1]),
            username="reader",
            known_hosts=None,
            client_keys=None,
            agent_path=None,
        )
        seen = connection.get_server_host_key()
        assert seen is not None and seen.get_fingerprint() == fingerprint[1].decode()
        process, reader = await open_terminal(connection, (100, 30))
        await reader.expect(b"Overview", timeout=30)
        command.send_signal(signal.SIGTERM)
        completed = await asyncio.wait_for(process.wait(), 10)
        assert b"shutting down" in raw(completed.stderr)
        assert await asyncio.wait_for(command.wait(), 10) == 0
        connection.close()
    finally:
        if command.returncode is None:
            command.kill()
            await command.wait()
    _, err = await command.communicate()
    assert re.search(rb"connect 127\.0\.0\.1:\d+ user=reader client=", err), err
    assert re.search(rb"disconnect 127\.0\.0\.1:\d+ user=reader duration=", err), err
