"""Two `serve` processes behind Debian's HAProxy in TCP mode, all on loopback: sessions spread
over both, each backend logs the reader's address (sent by the PROXY protocol, v2 to one and
v1 to the other), and when one backend dies new sessions still get in."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import IO

import asyncssh
import pytest

from tests.test_serve import Reader

BACKEND = Path(__file__).with_name("proxy_backend.py")

READER_ADDRESS = "127.0.0.2"
"""The reader connects from here, so its address differs from HAProxy's 127.0.0.1."""
LISTENING = re.compile(r"listening on 127\.0\.0\.1:(\d+)")
HOST_KEY = re.compile(r"host key (\S+) ")
CONFIG = """\
global
    maxconn 100
defaults
    mode tcp
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch
frontend ssh
    bind 127.0.0.1:{port}
    default_backend explorers
backend explorers
    balance roundrobin
    server a 127.0.0.1:{a} send-proxy-v2 check inter 300ms fall 1 rise 2
    server b 127.0.0.1:{b} send-proxy check inter 300ms fall 1 rise 2
"""


def haproxy() -> str:
    """The haproxy binary, installed from Debian where missing."""
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin")
    if found is None:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "haproxy"],
            check=False,
            capture_output=True,
            timeout=600,
        )
        found = shutil.which("haproxy", path="/usr/sbin:/usr/bin")
    if found is None:
        pytest.fail("haproxy is missing and `apt-get install -y haproxy` did not install it")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Backend:
    def __init__(self, process: asyncio.subprocess.Process, log: Path) -> None:
        self.process = process
        self.log = log
        self.port = 0
        self.fingerprint = ""

    async def announced(self) -> None:
        assert self.process.stdout is not None
        for _ in range(10):
            line = (await asyncio.wait_for(self.process.stdout.readline(), 30)).decode()
            if found := HOST_KEY.match(line):
                self.fingerprint = found.group(1)
            if found := LISTENING.search(line):
                self.port = int(found.group(1))
                return
        raise AssertionError(f"the server did not say where it listens: {self.log.read_text()}")

    def connects(self) -> list[str]:
        return re.findall(r" connect (\S+) user=", self.log.read_text())


Launch = Callable[..., Awaitable[asyncio.subprocess.Process]]


@pytest.fixture
async def launch() -> AsyncIterator[Launch]:
    started: list[asyncio.subprocess.Process] = []

    async def launch(
        argv: list[str], stdout: int | None = None, stderr: IO[bytes] | None = None
    ) -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(*argv, stdout=stdout, stderr=stderr)
        started.append(process)
        return process

    yield launch
    for process in started:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


async def start_backend(launch: Launch, tmp_path: Path, name: str) -> Backend:
    log = tmp_path / f"{name}.log"
    argv = [sys.executable, str(BACKEND), str(tmp_path / "host_key")]
    with log.open("wb") as stderr:
        process = await launch(argv, stdout=asyncio.subprocess.PIPE, stderr=stderr)
    backend = Backend(process, log)
    await backend.announced()
    return backend


async def session_through(port: int) -> tuple[str, str]:
    """Open a session through the balancer and wait for its explorer to start; the
    reader's `address:port` and the server's host key fingerprint."""
    async with asyncssh.connect(
        "127.0.0.1",
        port,
        local_addr=(READER_ADDRESS, 0),
        username="reader",
        client_keys=None,
        agent_path=None,
        known_hosts=None,
    ) as connection:
        process = await connection.create_process(
            term_type="xterm-256color", term_size=(100, 30), encoding=None
        )
        await Reader(process.stdout).ready()
        local = connection.get_extra_info("sockname")
        key = connection.get_server_host_key()
        assert key is not None
        return f"{local[0]}:{local[1]}", key.get_fingerprint()


async def balancer_ready(port: int) -> None:
    for _ in range(100):
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        await asyncio.sleep(0.1)
    raise AssertionError("haproxy did not start listening")


async def test_two_servers_behind_haproxy_share_sessions_see_readers_and_survive_a_loss(
    launch: Launch, tmp_path: Path
) -> None:
    binary = haproxy()
    a = await start_backend(launch, tmp_path, "a")
    b = await start_backend(launch, tmp_path, "b")
    assert a.fingerprint == b.fingerprint  # one host key, so readers see one server
    port = free_port()
    config = tmp_path / "haproxy.cfg"
    config.write_text(CONFIG.format(port=port, a=a.port, b=b.port), encoding="utf-8")
    await launch([binary, "-db", "-f", str(config)])
    await balancer_ready(port)

    readers = [await session_through(port) for _ in range(4)]
    assert {fingerprint for _, fingerprint in readers} == {a.fingerprint}
    addresses = [address for address, _ in readers]
    assert sorted(a.connects() + b.connects()) == sorted(addresses)
    assert len(a.connects()) == 2
    assert len(b.connects()) == 2
    assert all(address.startswith(f"{READER_ADDRESS}:") for address in addresses)

    a.process.kill()
    await asyncio.wait_for(a.process.wait(), 10)
    later = [address for address, _ in [await session_through(port) for _ in range(3)]]
    assert set(later) <= set(b.connects())
    assert "refused" not in b.log.read_text()
