"""The PROXY protocol: a trusted load balancer names the reader's address, and the limits and
the log use it; nobody else may."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import struct
import sys
from pathlib import Path

import asyncssh
import pytest

from liaoning_tui.cli import main
from liaoning_tui.serve import proxied
from liaoning_tui.serve.proxied import HeaderError, read_origin
from liaoning_tui.serve.proxies import ProxyPolicy, parse_networks
from liaoning_tui.serve.ssh import Server
from tests.test_serve import (
    ECHO,
    Start,
    eventually,
    facts_file,
    host_key,
    log_of,
    open_terminal,
    raw,
    start,
)

__all__ = ["facts_file", "host_key", "start"]  # fixtures used by name

V2_SIGNATURE = b"\r\n\r\n\x00\r\nQUIT\n"
SSH_START = b"SSH-2.0-client\r\n"


def v1(source: str, port: int) -> bytes:
    family = "TCP6" if ":" in source else "TCP4"
    target = "::1" if ":" in source else "127.0.0.1"
    return f"PROXY {family} {source} {target} {port} 2222\r\n".encode()


def v2(source: str, port: int, command: int = 0x21) -> bytes:
    ip = ipaddress.ip_address(source)
    if ip.version == 4:
        body = ip.packed + bytes([127, 0, 0, 1]) + struct.pack("!HH", port, 2222)
        family = 0x11
    else:
        body = ip.packed + ipaddress.IPv6Address("::1").packed + struct.pack("!HH", port, 2222)
        family = 0x21
    return V2_SIGNATURE + bytes([command, family]) + struct.pack("!H", len(body)) + body


async def origin_of(sent: bytes) -> tuple[tuple[str, int] | None, bytes]:
    """What `read_origin` makes of `sent`, and what it left unread on the socket."""
    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    try:
        theirs.sendall(sent)
        theirs.shutdown(socket.SHUT_WR)
        origin = await read_origin(ours)
        rest = b""
        while chunk := await asyncio.get_running_loop().sock_recv(ours, 4096):
            rest += chunk
        return origin, rest
    finally:
        ours.close()
        theirs.close()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (v1("203.0.113.7", 4242), ("203.0.113.7", 4242)),
        (v1("2001:db8::7", 4243), ("2001:db8::7", 4243)),
        (v2("203.0.113.8", 50000), ("203.0.113.8", 50000)),
        (v2("2001:db8::8", 1), ("2001:db8::8", 1)),
        (b"PROXY UNKNOWN\r\n", None),
        (v2("127.0.0.1", 1, command=0x20), None),
    ],
)
async def test_a_header_names_the_reader_and_the_ssh_stream_behind_it_is_left_whole(
    header: bytes, expected: tuple[str, int] | None
) -> None:
    assert await origin_of(header + SSH_START) == (expected, SSH_START)


@pytest.mark.parametrize(
    ("sent", "reason"),
    [
        (SSH_START, "bad-header"),
        (b"PROXY TCP4 203.0.113.7 127.0.0.1 99999 22\r\n", "bad-header"),
        (b"PROXY TCP4 not-an-ip 127.0.0.1 1 22\r\n", "bad-header"),
        (b"PROXY TCP4 " + b"1" * 200 + b"\r\n", "header-too-long"),
        (V2_SIGNATURE + b"\x21\x11\xff\xff", "header-too-long"),
        (V2_SIGNATURE + b"\x31\x11\x00\x0c", "bad-header"),
        (b"PROXY TCP4 203.0.113.7", "closed-before-header"),
        (b"", proxied.QUIET),
    ],
)
async def test_a_bad_header_is_refused_with_its_reason(sent: bytes, reason: str) -> None:
    with pytest.raises(HeaderError, match=rf"^{reason}$"):
        await origin_of(sent)


async def test_a_header_that_never_comes_is_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proxied, "HEADER_SECONDS", 0.2)
    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    with ours, theirs, pytest.raises(HeaderError, match=r"^header-timeout$"):
        theirs.sendall(b"PROXY ")
        await read_origin(ours)


def test_only_listed_proxies_are_trusted() -> None:
    policy = ProxyPolicy(parse_networks(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]))
    assert [policy.trusts(a) for a in ("127.0.0.1", "10.2.3.4", "fd00::5", "::ffff:10.0.0.1")] == [
        True,
        True,
        True,
        True,
    ]
    assert [policy.trusts(a) for a in ("127.0.0.2", "192.168.1.1", "::1", "?")] == [
        False,
        False,
        False,
        False,
    ]
    assert not ProxyPolicy()
    with pytest.raises(ValueError, match=r"'10\.0\.0\.300' is not an IP address or network"):
        parse_networks(["10.0.0.300"])


async def through_proxy(server: Server, header: bytes) -> asyncssh.SSHClientConnection:
    """An SSH connection that starts with `header`, as a load balancer would send it."""
    loop = asyncio.get_running_loop()
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", server.port))
    await loop.sock_sendall(sock, header)
    return await asyncssh.connect(
        "127.0.0.1",
        sock=sock,
        username="reader",
        client_keys=None,
        agent_path=None,
        known_hosts=None,
    )


async def test_the_log_and_the_per_address_limit_see_the_readers_address(start: Start) -> None:
    server = await start(ECHO, proxy=ProxyPolicy(parse_networks(["127.0.0.1"])), max_per_address=1)
    first = await through_proxy(server, v1("203.0.113.7", 4242))
    _, reader = await open_terminal(first)
    await reader.ready()
    await eventually(lambda: "connect 203.0.113.7:4242 user=reader" in log_of(server))

    again = await through_proxy(server, v2("203.0.113.7", 4243))
    refused, _ = await open_terminal(again)
    completed = await asyncio.wait_for(refused.wait(), 10)
    assert b"the most sessions allowed (1)" in raw(completed.stderr)
    other = await through_proxy(server, v2("198.51.100.9", 5000))
    _, reader = await open_terminal(other)
    await reader.ready()
    assert "connect 198.51.100.9:5000 user=reader" in log_of(server)
    assert "127.0.0.1:" not in log_of(server)
    for connection in (first, again, other):
        connection.close()


async def test_a_connection_from_an_unlisted_address_is_dropped_before_ssh(start: Start) -> None:
    server = await start(ECHO, proxy=ProxyPolicy(parse_networks(["10.0.0.0/8"])))
    with pytest.raises((asyncssh.Error, OSError)):
        await through_proxy(server, v1("203.0.113.7", 4242))
    await eventually(lambda: "not-a-listed-proxy=1" in log_of(server), timeout=5)
    assert "connect " not in log_of(server)


async def test_without_a_header_a_proxied_server_lets_nobody_in(start: Start) -> None:
    server = await start(ECHO, proxy=ProxyPolicy(parse_networks(["127.0.0.1"])))
    with pytest.raises((asyncssh.Error, OSError)):
        await through_proxy(server, b"")
    await eventually(lambda: "proxy-bad-header=1" in log_of(server), timeout=5)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--proxy-protocol"], "--proxy-protocol and --proxy-from go together"),
        (["--proxy-from", "127.0.0.1"], "--proxy-protocol and --proxy-from go together"),
        (["--proxy-protocol", "--proxy-from", "nowhere"], "'nowhere' is not an IP address"),
    ],
)
def test_the_proxy_flags_go_together(
    arguments: list[str], message: str, facts_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        sys.exit(main(["--facts", str(facts_file), "serve", "--open", *arguments]))
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
