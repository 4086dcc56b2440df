"""The SSH server against hostile clients: floods, too many tries, huge requests, old crypto.

Traffic stays on loopback; floods come from 127.0.0.2 and 127.0.0.3 (the whole 127/8 is local on
Linux) so that a real reader on 127.0.0.1 is a different address. Every loop is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from liaoning_tui.serve import keys
from liaoning_tui.serve.channel import MAX_ENV
from liaoning_tui.serve.connection import AUTH_FAILURE_DELAY, MAX_AUTH_TRIES, MAX_CHANNELS
from liaoning_tui.serve.endings import RESET_TERMINAL
from liaoning_tui.serve.gate import Gate
from tests.test_serve import (
    ECHO,
    Start,
    connect,
    eventually,
    host_key,
    log_of,
    open_terminal,
    raw,
    start,
)

__all__ = ["host_key", "start"]  # fixtures used by name

SPEW = (*ECHO, "--spew")


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


async def raw_connection(
    server: Any, source: str
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", server.port, local_addr=(source, 0))


# Before a session: the gate


def test_the_gate_drops_early_and_limits_rate_and_address() -> None:
    gate = Gate(start=3, full=5, per_address=3, burst=3, per_second=1.0, chance=random.Random(1))
    assert [gate.admit("a", 0.0) for _ in range(4)] == [True, True, True, False]
    assert gate.summary() == {"rate": 1}
    assert gate.admit("a", 1.0) is False  # a token back, but three of its own still wait
    assert gate.summary() == {"per-address": 1}
    tries = 0
    while gate.waiting < 5 and tries < 50:
        gate.admit(f"b{tries}", 1.0)
        tries += 1
    assert gate.waiting == 5
    assert gate.summary() == {"early-drop": tries - 2}
    assert tries > 2
    assert gate.admit("c", 1.0) is False
    assert gate.summary() == {"full": 1}
    gate.settle("a")
    assert gate.waiting == 4


async def test_a_flood_of_idle_connections_keeps_no_reader_out(start: Start) -> None:
    server = await start(login_timeout=20)
    flooded = time.monotonic()
    opened = await asyncio.gather(
        *(raw_connection(server, "127.0.0.2") for _ in range(300)), return_exceptions=True
    )
    flood = [pair[1] for pair in opened if isinstance(pair, tuple)]
    try:
        begun = time.monotonic()
        async with await connect(server) as connection:
            _process, reader = await open_terminal(connection)
            await reader.ready()
        took = time.monotonic() - begun
        assert took < 10, f"the reader waited {took:.1f}s"
        assert server.gate.pending["127.0.0.2"] <= 2 * server.config.max_per_address
        await eventually(lambda: " refused - connections=" in log_of(server), timeout=5)
    finally:
        for writer in flood:
            writer.close()

    def refused() -> list[int]:
        return [int(n) for n in re.findall(r"refused - connections=(\d+)", log_of(server))]

    def accounted() -> int:
        """Refused, or let in to wait and closed since: every flood connection is one."""
        return sum(refused()) + log_of(server).count("disconnect 127.0.0.2:")

    await eventually(lambda: accounted() >= len(flood), timeout=10)
    assert sum(refused()) >= len(flood) // 2
    assert len(refused()) <= time.monotonic() - flooded + 2, "more than one summary a second"


async def test_a_logged_in_connection_without_a_session_counts_and_is_closed(
    start: Start,
) -> None:
    server = await start(max_per_address=1, login_timeout=3.0)
    idle = [await connect(server, local_addr=("127.0.0.3", 0)) for _ in range(2)]
    await asyncio.sleep(1.2)  # the rate limit has a token again; the address still has two
    with pytest.raises((asyncssh.Error, OSError)):
        await connect(server, local_addr=("127.0.0.3", 0))
    for connection in idle:
        await asyncio.wait_for(connection.wait_closed(), 5)
    await eventually(lambda: "per-address=1" in log_of(server))
    assert log_of(server).count("status=no session") == 2


async def test_connections_from_one_address_are_rate_limited(start: Start) -> None:
    server = await start(max_per_address=2)
    kept = 0
    for _ in range(20):
        reader, writer = await raw_connection(server, "127.0.0.2")
        with contextlib.suppress(ConnectionError):
            try:
                await asyncio.wait_for(reader.read(), 0.5)  # a refused one is closed at once
            except TimeoutError:
                kept += 1
        writer.close()
    assert 4 <= kept <= 8  # a burst of four, and a token a second while this runs


# Authentication


def _authorized(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "authorized_keys"
    path.write_text("".join(line + "\n" for line in lines))
    return path


def _public(key: asyncssh.SSHKey) -> str:
    return key.export_public_key().decode().strip()


async def test_six_failed_keys_end_the_connection_each_logged_in_one_line(
    start: Start, tmp_path: Path
) -> None:
    known = asyncssh.generate_private_key("ssh-ed25519")
    server = await start(anonymous=False, authorized_keys=_authorized(tmp_path, [_public(known)]))
    strangers = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(10)]
    begun = time.monotonic()
    with pytest.raises((asyncssh.PermissionDenied, asyncssh.DisconnectError)):
        await connect(server, username="mallory", client_keys=[*strangers, known])
    assert time.monotonic() - begun >= (MAX_AUTH_TRIES - 1) * AUTH_FAILURE_DELAY
    failures = re.findall(
        r"auth-failure 127\.0\.0\.1:\d+ user=mallory method=publickey key=(SHA256:\S+) "
        r"reason=key-not-authorized\n",
        log_of(server),
    )
    assert failures == [key.get_fingerprint() for key in strangers[:MAX_AUTH_TRIES]]
    assert "reason=too-many-attempts" in log_of(server)


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ('expiry-time="20200101"', "key-expired"),
        ('expiry-time="nonsense"', "key-expiry-unreadable"),
        ('from="10.0.0.0/8"', "key-not-authorized"),
        ("restrict", "key-forbids-terminal"),
        ("no-pty", "key-forbids-terminal"),
        ('command="ls"', "key-option-not-supported:command"),
        ('environment="A=b"', "key-option-not-supported:environment"),
    ],
)
async def test_authorized_keys_options_are_honoured_or_refused(
    start: Start, tmp_path: Path, options: str, reason: str
) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    path = _authorized(tmp_path, [f"{options} {_public(key)}"])
    server = await start(anonymous=False, authorized_keys=path)
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, client_keys=[key])
    assert f"reason={reason}\n" in log_of(server)


@pytest.mark.parametrize(
    "options",
    ['expiry-time="29991231"', 'from="127.0.0.0/8"', "restrict,pty", "no-agent-forwarding"],
)
async def test_keys_whose_options_hold_log_in(start: Start, tmp_path: Path, options: str) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    path = _authorized(tmp_path, [f"{options} {_public(key)}"])
    server = await start(anonymous=False, authorized_keys=path)
    async with await connect(server, client_keys=[key]) as connection:
        _process, reader = await open_terminal(connection)
        await reader.ready()


def test_expiry_times_read_as_openssh_reads_them() -> None:
    assert keys.expiry("20300101Z") == 1893456000.0
    assert keys.expiry("203001011230Z") == 1893456000.0 + 12.5 * 3600
    assert keys.expiry("2030010112") is None
    assert keys.expiry("20301301") is None


async def test_sha1_key_exchange_and_ssh_rsa_signatures_are_refused(
    start: Start, tmp_path: Path
) -> None:
    rsa = asyncssh.generate_private_key("ssh-rsa", key_size=2048)
    server = await start(anonymous=False, authorized_keys=_authorized(tmp_path, [_public(rsa)]))
    with pytest.raises(asyncssh.Error):
        await connect(server, client_keys=[rsa], kex_algs=["diffie-hellman-group14-sha1"])
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, client_keys=[rsa], signature_algs=["ssh-rsa"])
    with pytest.raises(asyncssh.Error):
        await connect(server, client_keys=[rsa], compression_algs=["zlib@openssh.com"])
    async with await connect(server, client_keys=[rsa], signature_algs=["rsa-sha2-256"]):
        pass


# Bounded memory per connection


async def test_a_connection_may_open_only_so_many_sessions(start: Start) -> None:
    server = await start(max_per_address=20, max_sessions=20)
    async with await connect(server) as connection:
        for _ in range(MAX_CHANNELS):
            await open_terminal(connection)
        with pytest.raises(asyncssh.ChannelOpenError):
            await open_terminal(connection)


async def test_env_requests_and_term_are_capped(start: Start) -> None:
    server = await start()
    sent = {f"LC_X{n:03}": "C" for n in range(100)} | {"LC_LONG": "x" * 300}
    async with await connect(server) as connection:
        _process, reader = await open_terminal(connection, env=sent)
        passed = {name for name in (await reader.ready())["env"] if name.startswith("LC_")}
        assert len(passed) <= MAX_ENV and "LC_LONG" not in passed
        with pytest.raises(asyncssh.ChannelOpenError, match="PTY request failed"):
            await connection.create_process(term_type="x" * 65, encoding=None)


async def test_the_terminal_gets_only_valid_utf8(start: Start) -> None:
    server = await start()
    async with await connect(server) as connection:
        process, reader = await open_terminal(connection)
        await reader.ready()
        process.stdin.write(b"\xff")
        await reader.expect(b"key=efbfbd\r\n")


async def _proxy(target: int) -> tuple[asyncio.Server, asyncio.Event]:
    """A TCP relay that stops passing the server's bytes on once `stall` is set."""
    stall = asyncio.Event()

    async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter, stalls: bool) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await source.read(65536):
                if stalls and stall.is_set():
                    await asyncio.Event().wait()
                sink.write(data)
                await sink.drain()

    async def relay(client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter) -> None:
        server_in, server_out = await asyncio.open_connection("127.0.0.1", target)
        await asyncio.gather(pump(client_in, server_out, False), pump(server_in, client_out, True))

    return await asyncio.start_server(relay, "127.0.0.1", 0), stall


async def test_a_client_that_stops_reading_does_not_grow_the_server(start: Start) -> None:
    server = await start(SPEW)
    relay, stall = await _proxy(server.port)
    port = relay.sockets[0].getsockname()[1]
    try:
        connection = await asyncssh.connect(
            "127.0.0.1",
            port,
            username="reader",
            known_hosts=None,
            client_keys=None,
            agent_path=None,
            window=2**32 - 1,
        )
        _process, reader = await open_terminal(connection)
        pid = (await reader.ready())["pid"]
        await reader.expect(b"spew spew")
        stall.set()
        await asyncio.sleep(0.5)
        before = rss_kb()
        await asyncio.sleep(3)
        grown_mb = (rss_kb() - before) / 1024
        assert grown_mb < 32, f"the server grew {grown_mb:.0f} MB in 3 s"
        assert server.live.sessions and all(s.pid == pid for s in server.live.sessions)
        connection.abort()
    finally:
        relay.close()


# Signals and goodbyes


async def test_every_reader_gets_the_goodbye_and_a_terminal_reset(start: Start) -> None:
    server = await start(max_per_address=16, max_sessions=16)
    connections = [await connect(server) for _ in range(16)]
    sessions = [await open_terminal(connection) for connection in connections]
    for _, reader in sessions:
        await reader.ready()
    await asyncio.wait_for(server.shutdown(), 20)
    for process, _ in sessions:
        completed = await asyncio.wait_for(process.wait(), 5)
        assert b"shutting down" in raw(completed.stderr)
        assert RESET_TERMINAL in raw(completed.stdout)


async def test_loop_errors_are_summed_up_in_one_line_a_second(start: Start) -> None:
    server = await start()
    loop = asyncio.get_running_loop()
    for _ in range(500):
        server.loop_error(
            loop, {"message": "socket.accept() out of system resource", "exception": OSError(24)}
        )
    await eventually(lambda: "loop-error" in log_of(server))
    (line,) = [line for line in log_of(server).splitlines() if "loop-error" in line]
    assert line.endswith(
        " loop-error - count=500 error=OSError:socket.accept()?out?of?system?resource"
    )
    assert "Traceback" not in log_of(server)


def test_the_open_file_limit_is_raised_to_the_hard_limit() -> None:
    script = (
        "import resource\n"
        "from liaoning_tui.commands.serve import MAX_FILES, raise_file_limit\n"
        "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
        "wanted = MAX_FILES if hard == resource.RLIM_INFINITY else min(hard, MAX_FILES)\n"
        "print(raise_file_limit() == wanted == resource.getrlimit(resource.RLIMIT_NOFILE)[0])\n"
    )

    def low() -> None:
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))

    done = subprocess.run(
        [sys.executable, "-c", script], preexec_fn=low, capture_output=True, timeout=30, check=True
    )
    assert done.stdout == b"True\n"
