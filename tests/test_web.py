"""The web server without a browser: tokens, the login middleware, headers, limits, idle timeout
and shutdown, through aiohttp's client on 127.0.0.1. Tests named `..._explorer_...` run the real
explorer behind the websocket."""

from __future__ import annotations

import asyncio
import io
import os
import re
import shlex
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestClient, TestServer

from liaoning_tui.serve.log import Log
from liaoning_tui.web import tokens
from liaoning_tui.web.config import WebConfig
from liaoning_tui.web.logins import MAX_FAILURES, Login
from liaoning_tui.web.server import build_app
from tests.conftest import MINIMAL

TOKEN = "correct horse battery staple"
Client = TestClient[web.Request, web.Application]
Start = Callable[..., Awaitable[Client]]


@pytest.fixture(scope="module")
def token_line() -> str:
    return tokens.hash_token("alice", TOKEN)


@pytest.fixture
def token_file(tmp_path: Path, token_line: str) -> Path:
    path = tmp_path / "tokens"
    path.write_text(f"# readers\n\n{token_line}\n")
    return path


@pytest.fixture
def facts_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    path.write_text(MINIMAL)
    return path


def explorer_command(facts: Path) -> str:
    child = [sys.executable, "-m", "liaoning_tui.web.child", str(os.getpid()), str(facts)]
    return "exec " + shlex.join(child)


@pytest.fixture
async def start(token_file: Path, facts_file: Path) -> AsyncIterator[Start]:
    clients: list[Client] = []

    async def start(**settings: Any) -> Client:
        settings.setdefault("command", explorer_command(facts_file))
        if not settings.get("anonymous"):
            settings.setdefault("token_file", token_file)
        settings.setdefault("log", Log(io.StringIO()))
        client = TestClient(TestServer(build_app(WebConfig(**settings)), host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        return client

    yield start
    for client in clients:
        await client.close()


def log_of(client: Client) -> str:
    from liaoning_tui.web.state import STATE

    stream = client.app[STATE].config.log.stream
    assert isinstance(stream, io.StringIO)
    return stream.getvalue()


def origin(client: Client) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{client.port}"}


async def log_in(client: Client, token: str = TOKEN) -> Any:
    return await client.post(
        "/login", data={"token": token}, headers=origin(client), allow_redirects=False
    )


# Tokens


def test_a_hashed_token_matches_only_its_token(tmp_path: Path, token_line: str) -> None:
    assert TOKEN not in token_line
    assert re.fullmatch(r"alice scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}", token_line)
    path = tmp_path / "tokens"
    path.write_text(f"{token_line}\n{tokens.hash_token('bob', 'another')}\n")
    entries = tokens.read_token_file(path)
    assert tokens.check(entries, TOKEN) == "alice"
    assert tokens.check(entries, "another") == "bob"
    assert tokens.check(entries, TOKEN + " ") is None
    assert tokens.check(entries, "x" * (tokens.MAX_TOKEN + 1)) is None


def test_a_bad_token_file_line_is_named(tmp_path: Path, token_line: str) -> None:
    path = tmp_path / "tokens"
    path.write_text(f"{token_line}\nbob plaintext-password\n")
    with pytest.raises(tokens.TokenFileError) as caught:
        tokens.read_token_file(path)
    assert str(caught.value) == (
        f"{path}:2: expected NAME scrypt$N$R$P$SALT$HASH as printed by "
        "`liaoning-tui web --hash-token NAME`"
    )
    path.write_text("# nobody\n")
    with pytest.raises(tokens.TokenFileError, match="no tokens; add a line"):
        tokens.read_token_file(path)


# The login


async def test_every_route_but_the_login_needs_a_login(start: Start) -> None:
    client = await start()
    response = await client.get("/", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/login")
    for path in ("/ws", "/static/js/textual.js", "/download/abc", "/local/tab.js"):
        response = await client.get(path, headers=origin(client), allow_redirects=False)
        assert response.status == 401, path
    response = await client.get("/login")
    assert response.status == 200
    assert 'name="token"' in await response.text()


async def test_a_wrong_token_is_refused_and_logged(start: Start) -> None:
    client = await start()
    response = await log_in(client, "not the token")
    assert response.status == 401
    assert "That token is not valid." in await response.text()
    assert "Set-Cookie" not in response.headers
    assert re.search(r"Z login-failed 127\.0\.0\.1:\d+\n", log_of(client))
    assert (await client.get("/", allow_redirects=False)).status == 303


async def test_the_right_token_sets_a_strict_http_only_cookie(start: Start) -> None:
    client = await start()
    response = await log_in(client)
    assert (response.status, response.headers["Location"]) == (303, "/")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie
    assert re.search(r"Z login 127\.0\.0\.1:\d+ user=alice\n", log_of(client))
    page = await client.get("/")
    assert page.status == 200
    assert f'data-session-websocket-url="ws://127.0.0.1:{client.port}/ws"' in await page.text()


async def test_pages_carry_security_headers_and_the_login_is_not_cached(start: Start) -> None:
    client = await start()
    for response in (await client.get("/login"), await log_in(client, "wrong")):
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert "script-src 'self';" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "<script>" not in await response.text()


async def test_a_login_from_another_site_is_refused(start: Start) -> None:
    client = await start()
    for headers in ({"Origin": "http://evil.example"}, {}):
        response = await client.post("/login", data={"token": TOKEN}, headers=headers)
        assert response.status == 403
        assert "Set-Cookie" not in response.headers
    assert "reason=cross-origin path=/login" in log_of(client)


async def test_failed_logins_from_one_address_are_slowed(start: Start) -> None:
    client = await start()
    for _ in range(MAX_FAILURES):
        assert (await log_in(client, "guess")).status == 401
    response = await log_in(client)
    assert response.status == 429
    assert "Too many failed logins: wait a minute." in await response.text()


async def test_start_refuses_a_cross_origin_websocket_even_logged_in(start: Start) -> None:
    client = await start()
    await log_in(client)
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {}):
        response = await client.get("/ws", headers=headers)
        assert response.status == 403, headers
    assert "refused 127.0.0.1" in log_of(client)
    assert "reason=cross-origin path=/ws" in log_of(client)


async def test_a_rebound_name_is_refused_on_a_loopback_server(start: Start) -> None:
    client = await start(anonymous=True)
    headers = {"Host": f"rebound.example:{client.port}"}
    headers["Origin"] = f"http://rebound.example:{client.port}"
    response = await client.get("/ws", headers=headers)
    assert response.status == 403


# Tabs


async def screen_until(websocket: Any, needle: str, timeout: float = 30.0) -> str:
    """Text received on the websocket (escapes dropped) until `needle` is in it."""
    seen = b""
    async with asyncio.timeout(timeout):
        while True:
            message = await websocket.receive()
            if message.type == WSMsgType.BINARY:
                seen += message.data
            elif message.type in {WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.CLOSING}:
                break
            text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b" ", seen).decode("utf-8", "replace")
            if needle in text:
                return text
    text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b" ", seen).decode("utf-8", "replace")
    assert needle in text
    return text


async def test_a_logged_in_tab_runs_the_explorer_and_logs_it(start: Start) -> None:
    client = await start()
    await log_in(client)
    websocket = await client.ws_connect("/ws?width=100&height=30", headers=origin(client))
    await screen_until(websocket, "Overview")
    await websocket.send_json(["stdin", "q"])
    async with asyncio.timeout(20):
        while (await websocket.receive()).type not in {WSMsgType.CLOSE, WSMsgType.CLOSED}:
            pass
    log = log_of(client)
    assert re.search(r"Z connect 127\.0\.0\.1:\d+ user=alice\n", log)
    for _ in range(100):
        if "disconnect" in log_of(client):
            break
        await asyncio.sleep(0.05)
    assert re.search(
        r"disconnect 127\.0\.0\.1:\d+ user=alice duration=\S+s status=explorer quit", log_of(client)
    )


async def test_the_full_page_past_max_sessions_and_a_refused_extra_tab(start: Start) -> None:
    client = await start(anonymous=True, max_sessions=1)
    first = await client.ws_connect("/ws", headers=origin(client))
    await screen_until(first, "Overview")
    page = await client.get("/")
    assert page.status == 503
    assert "The server is full (1 readers at once)." in await page.text()
    second = await client.ws_connect("/ws", headers=origin(client))
    text = await screen_until(second, "Please try again in a little while.")
    assert text.strip().startswith("The server is full")
    assert "reason=limit path=/\n" in log_of(client)
    assert "reason=limit path=/ws\n" in log_of(client)
    await first.close()
    for _ in range(100):
        if (await client.get("/")).status == 200:
            break
        await asyncio.sleep(0.1)
    assert (await client.get("/")).status == 200


async def test_an_idle_explorer_is_ended_and_the_reader_told(start: Start) -> None:
    client = await start(anonymous=True, idle_timeout=3.0)
    websocket = await client.ws_connect("/ws", headers=origin(client))
    await screen_until(websocket, "Overview")
    text = await screen_until(websocket, "No key pressed for 3 seconds: this explorer has ended.")
    assert text
    for _ in range(100):
        if "status=idle" in log_of(client):
            break
        await asyncio.sleep(0.05)
    assert "status=idle" in log_of(client)


async def test_one_address_gets_at_most_max_per_address_tabs(start: Start) -> None:
    client = await start(anonymous=True, max_per_address=1)
    first = await client.ws_connect("/ws", headers=origin(client))
    await screen_until(first, "Overview")
    second = await client.ws_connect("/ws", headers=origin(client))
    text = await screen_until(second, "Close one and try again.")
    assert text.strip().startswith("Your address already has the most sessions allowed (1) open.")
    await first.close()


def test_the_explorer_keeps_none_of_the_server_environment_but_what_it_needs() -> None:
    from liaoning_tui.web.child import environment

    server = {
        "PATH": "/usr/bin",
        "HOME": "/home/web",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TERM_PROGRAM": "textual",
        "COLUMNS": "100",
        "ROWS": "30",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "SSH_AUTH_SOCK": "/tmp/agent",
        "PYTHONPATH": "/somewhere",
    }
    kept = environment(server)
    assert set(kept) == set(server) - {"AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK", "PYTHONPATH"}


def test_the_child_refuses_to_run_for_a_server_that_is_not_its_parent() -> None:
    child = [sys.executable, "-m", "liaoning_tui.web.child"]
    assert subprocess.run([*child, "1", "facts.toml"], check=False).returncode == 1
    usage = subprocess.run([*child, "nonsense"], capture_output=True, text=True, check=False)
    assert (usage.returncode, usage.stderr) == (
        2,
        "usage: python -m liaoning_tui.web.child SERVER_PID FACTS\n",
    )


async def test_behind_a_proxy_only_the_public_origin_is_let_in(start: Start) -> None:
    client = await start(public_url="https://explorer.example.org")
    response = await log_in(client)
    assert response.status == 403
    response = await client.post(
        "/login",
        data={"token": TOKEN},
        headers={"Origin": "https://explorer.example.org"},
        allow_redirects=False,
    )
    assert response.status == 303
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    cookie = {"Cookie": f"liaoning_session={response.cookies['liaoning_session'].value}"}
    page = await client.get("/", headers=cookie)
    assert 'data-session-websocket-url="wss://explorer.example.org/ws"' in await page.text()
    assert (await client.get("/ws", headers={**cookie, **origin(client)})).status == 403


def test_a_login_expires_and_failures_are_forgotten_after_a_minute() -> None:
    from liaoning_tui.web.logins import FAILURE_WINDOW, Logins

    now = [1000.0]
    logins = Logins(lifetime=60.0, clock=lambda: now[0])
    session = logins.create("alice")
    assert logins.find(session) == Login("alice", 1060.0)
    for _ in range(MAX_FAILURES):
        logins.failed("203.0.113.7")
    assert logins.throttled("203.0.113.7") and not logins.throttled("203.0.113.8")
    now[0] += max(60.0, FAILURE_WINDOW) + 0.1
    assert logins.find(session) is None
    assert not logins.throttled("203.0.113.7")
