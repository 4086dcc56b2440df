"""`liaoning-tui web` as a command: what it refuses to start with, hashing a token, TLS, and
SIGTERM ending every tab's explorer (a real server process and the real explorer)."""

from __future__ import annotations

import asyncio
import datetime
import io
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import WSMsgType

from liaoning_tui.cli import main
from liaoning_tui.web import tokens
from tests.conftest import MINIMAL


def test_it_will_not_start_without_saying_who_may_connect(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["web"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("liaoning-tui web: say who may connect:\n  --token-file FILE")
    assert "--open" in error


def test_a_public_address_needs_tls_or_insecure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["web", "--open", "--listen", "0.0.0.0:8000"]) == 2
    assert capsys.readouterr().err == (
        "liaoning-tui web: 0.0.0.0:8000 can be reached from other machines: give --certfile and "
        "--keyfile to serve HTTPS, or --insecure to send tokens and pages in clear text\n"
    )
    assert main(["web", "--open", "--certfile", "cert.pem"]) == 2
    assert "give both --certfile and --keyfile" in capsys.readouterr().err
    assert main(["web", "--open", "--public-url", "https://example.org/explorer"]) == 2
    assert "'https://example.org/explorer' is not an origin like https://explorer.example.org" in (
        capsys.readouterr().err
    )


def test_a_bad_token_file_stops_the_start_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tokens"
    path.write_text("# readers\nalice hunter2\n")
    assert main(["web", "--token-file", str(path), "--listen", "127.0.0.1:0"]) == 1
    assert capsys.readouterr().err.startswith(f"liaoning-tui web: {path}:2: expected NAME scrypt$")


def test_hash_token_prints_a_line_that_lets_the_token_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("open sesame\n"))
    assert main(["web", "--hash-token", "carol"]) == 0
    line = capsys.readouterr().out
    path = tmp_path / "tokens"
    path.write_text(line)
    assert tokens.check(tokens.read_token_file(path), "open sesame") == "carol"
    monkeypatch.setattr(sys, "stdin", io.StringIO("x\n"))
    assert main(["web", "--hash-token", "no spaces allowed"]) == 2
    assert "is not a name" in capsys.readouterr().err


# A real server process


@pytest.fixture
def facts_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    path.write_text(MINIMAL)
    return path


class Running:
    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url

    def children(self) -> list[int]:
        """The explorer processes: every child of the server."""
        pid = self.process.pid
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(child) for child in text.split()]


def launch(*options: str) -> Running:
    process = subprocess.Popen(
        [sys.executable, "-m", "liaoning_tui", "web", "--listen", "127.0.0.1:0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.match(r"listening on (https?://127\.0\.0\.1:\d+) ", line)
    if found is None:
        process.kill()
        raise AssertionError(f"no address in {line!r}: {process.communicate()}")
    return Running(process, found[1])


@pytest.fixture
def servers() -> Iterator[list[Running]]:
    running: list[Running] = []
    yield running
    for server in running:
        if server.process.poll() is None:
            server.process.kill()
        server.process.communicate(timeout=10)


async def until_text(websocket: aiohttp.ClientWebSocketResponse, needle: bytes) -> bytes:
    seen = b""
    async with asyncio.timeout(40):
        while needle not in seen:
            message = await websocket.receive()
            if message.type != WSMsgType.BINARY:
                break
            seen += message.data
    assert needle in seen
    return seen


async def test_sigterm_tells_every_tab_and_ends_every_explorer(
    facts_file: Path, servers: list[Running]
) -> None:
    server = launch("--open", "--facts", str(facts_file))
    servers.append(server)
    headers = {"Origin": server.url}
    async with aiohttp.ClientSession() as session:
        tabs = [await session.ws_connect(f"{server.url}/ws", headers=headers) for _ in range(2)]
        for tab in tabs:
            await until_text(tab, b"Overview")
        children = server.children()
        assert len(children) == 2
        server.process.send_signal(signal.SIGTERM)
        for tab in tabs:
            await until_text(tab, b"The server is shutting down; sorry for the interruption.")
    _, log = server.process.communicate(timeout=20)
    assert server.process.returncode == 0
    assert log.count("status=shutdown") == 2
    for child in children:
        with pytest.raises(ProcessLookupError):
            os.kill(child, 0)


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key_file


async def test_under_tls_the_cookie_is_secure_and_hsts_is_sent(
    tmp_path: Path, facts_file: Path, servers: list[Running]
) -> None:
    cert, key = self_signed(tmp_path)
    token_file = tmp_path / "tokens"
    token_file.write_text(tokens.hash_token("dora", "tls token") + "\n")
    server = launch(
        "--token-file", str(token_file), "--certfile", str(cert), "--keyfile", str(key),
        "--facts", str(facts_file),
    )  # fmt: skip
    servers.append(server)
    assert server.url.startswith("https://")
    connector = aiohttp.TCPConnector(ssl=False)
    jar = aiohttp.CookieJar(unsafe=True)  # keeps cookies for an IP address
    async with aiohttp.ClientSession(connector=connector, cookie_jar=jar) as session:
        response = await session.post(
            f"{server.url}/login",
            data={"token": "tls token"},
            headers={"Origin": server.url},
            allow_redirects=False,
        )
        assert response.status == 303
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
        page = await session.get(f"{server.url}/")
        assert f'data-session-websocket-url="wss://{server.url[8:]}/ws"' in await page.text()
    server.process.send_signal(signal.SIGTERM)
    _, log = server.process.communicate(timeout=20)
    assert re.search(r"Z login 127\.0\.0\.1:\d+ user=dora\n", log)
