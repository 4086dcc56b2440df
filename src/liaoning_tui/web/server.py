"""The aiohttp application: textual-serve's script, styles and downloads, our login in front,
one explorer per tab; and the loop that serves it until SIGTERM or ctrl+c."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import textual_serve
from aiohttp import web
from textual_serve.server import Server as TextualServe

from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.web import guard, pages
from liaoning_tui.web.config import WebConfig
from liaoning_tui.web.state import STATE, WebState, peer
from liaoning_tui.web.tabs import DOWNLOADS, close_every_tab, open_tab

MAX_REQUEST = 16 * 1024
LOCAL_STATIC = Path(str(files("liaoning_tui.web") / "static"))
TEXTUAL_STATIC = Path(str(files(textual_serve) / "static"))


class ListenError(Exception):
    """The address cannot be listened on; the message says which and why."""


def _font_size(request: web.Request) -> int:
    text = request.query.get("fontsize", "16")
    return min(int(text), 48) if text.isdigit() and int(text) >= 6 else 16


async def explorer_page(request: web.Request) -> web.Response:
    """The page of one tab, or the page that says the server is full."""
    state = request.app[STATE]
    title = state.config.title
    address = request.remote or "?"
    refusal = state.limits.acquire(address)
    if refusal is not None:
        state.config.log.write("refused", peer(request), reason="limit", path="/")
        return web.Response(
            text=pages.message(title, "The explorer is full", refusal),
            status=503,
            content_type="text/html",
            headers={"Retry-After": "60"},
        )
    state.limits.release(address)
    websocket_url = "ws" + guard.own_origin(request).removeprefix("http") + "/ws"
    return web.Response(
        text=pages.explorer(title, websocket_url, _font_size(request)), content_type="text/html"
    )


def build_app(config: WebConfig) -> web.Application:
    """The whole web application, every route behind the login middleware."""
    app = web.Application(
        middlewares=[guard.security_headers, guard.require_login], client_max_size=MAX_REQUEST
    )
    app[STATE] = WebState.start(config)
    # textual-serve builds its application in a private method, with no hook for a login, and an
    # index page that needs inline script and a fixed public URL (Textualize/textual-serve#42);
    # so the routes are ours, and its server object lends only its download handler and manager
    # (the script and styles are its static files).
    downloads = TextualServe(config.command, title=config.title)
    app[DOWNLOADS] = downloads.download_manager
    app.add_routes(
        [
            web.get("/", explorer_page),
            web.get("/login", guard.login_form),
            web.post("/login", guard.log_in),
            web.post("/logout", guard.log_out),
            web.get("/ws", open_tab),
            web.get("/download/{key}", downloads.handle_download),
            web.static("/static", TEXTUAL_STATIC),
            web.static("/local", LOCAL_STATIC),
        ]
    )
    app.on_shutdown.append(close_every_tab)
    return app


async def serve(
    config: WebConfig,
    on_ready: Callable[[list[ListenAddress]], None] = lambda addresses: None,
) -> None:
    """Serve until SIGTERM or SIGINT (ctrl+c), then end every tab's explorer and stop."""
    app = build_app(config)
    runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    listen = config.listen
    site = web.TCPSite(runner, listen.host or None, listen.port, ssl_context=config.tls)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        raise ListenError(f"cannot listen on {listen}: {error.strerror or error}") from error
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop.set)
    try:
        on_ready([ListenAddress(str(a[0]), int(a[1])) for a in runner.addresses])
        await stop.wait()
    finally:
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(number)
        await close_every_tab(app)
        await runner.cleanup()
