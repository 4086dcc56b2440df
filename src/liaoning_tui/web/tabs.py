"""One browser tab: a websocket joined to its own explorer process, run by textual-serve's
AppService, within the server's limits and idle timeout."""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from liaoning_tui.serve.child import TerminalSize
from liaoning_tui.web.guard import reader
from liaoning_tui.web.state import STATE, WebState, peer


@dataclass(frozen=True, slots=True)
class Ending:
    """Why the server ended a tab: a word for the log, a sentence for the reader.

    The SSH server's own (serve.session) comes with asyncssh, which the web extra does not need."""

    label: str
    message: str


def idle_ending(seconds: float) -> Ending:
    minutes = seconds / 60
    span = f"{minutes:g} minutes" if minutes >= 1 else f"{seconds:g} seconds"
    return Ending("idle", f"No key pressed for {span}: this explorer has ended.")


SHUTTING_DOWN = Ending("shutdown", "The server is shutting down; sorry for the interruption.")
NOT_STARTED = "The explorer could not start on the server; please tell whoever runs it."
CLEAR = b"\x1b[0m\x1b[2J\x1b[H"
"""The explorer's last frame stays on the page's terminal when it ends; a message replaces it."""
MAX_MESSAGE = 64 * 1024
HEARTBEAT = 15.0
"""A browser that answers no ping for this long is gone, and its explorer ends."""
DOWNLOADS = web.AppKey("liaoning_downloads", DownloadManager)


def _size(width: object, height: object) -> TerminalSize:
    def number(value: object) -> int:
        try:
            return int(str(value))
        except ValueError:
            return 0

    return TerminalSize.from_client(number(width), number(height))


class Tab:
    """The explorer behind one websocket, from its start to its end."""

    def __init__(self, state: WebState, request: web.Request, downloads: DownloadManager) -> None:
        self._state = state
        self._reader = reader(request) or "-"
        self._peer = peer(request)
        self._size = _size(request.query.get("width"), request.query.get("height"))
        self.websocket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE)
        self._service = AppService(
            state.config.command,
            write_bytes=self.websocket.send_bytes,
            write_str=self.websocket.send_str,
            close=self._explorer_ended,
            download_manager=downloads,
        )
        self._loop = asyncio.get_running_loop()
        self._last_input = self._loop.time()
        self._ending: Ending | None = None
        self._stopping = asyncio.Event()
        self.status = "closed by reader"
        self.ended = asyncio.Event()

    async def run(self) -> None:
        config = self._state.config
        config.log.connect(self._peer, self._reader)
        started = self._loop.time()
        try:
            await self._service.start(self._size.columns, self._size.rows)
        except OSError as error:
            self.status = f"failed to start ({error.strerror or error})"
            await self.say(NOT_STARTED)
        else:
            try:
                await self._explore()
            finally:
                # AppService never closes the explorer's stdin; closed here, its transport is
                # not left for the garbage collector to close on a loop that may be gone.
                self._service.stdin.close()
        finally:
            seconds = self._loop.time() - started
            config.log.disconnect(self._peer, self._reader, seconds, self.status)
            self.ended.set()

    async def _explore(self) -> None:
        reading = asyncio.create_task(self._read())
        watching = asyncio.create_task(self._watch_idle())
        stopping = asyncio.create_task(self._stopping.wait())
        await asyncio.wait({reading, stopping}, return_when=asyncio.FIRST_COMPLETED)
        self._stopping.set()
        watching.cancel()
        stopping.cancel()
        try:
            await asyncio.wait_for(self._service.stop(), self._state.config.grace)
        except TimeoutError:
            self.status += " (explorer still ending)"
        if self._ending is not None:
            self.status = self._ending.label
            await self.say(self._ending.message)
        await self.websocket.close()
        await reading

    async def say(self, message: str) -> None:
        """Write a line on the tab's cleared terminal, then close the websocket."""
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self.websocket.send_bytes(CLEAR + f"{message}\r\n".encode())
        await self.websocket.close()

    async def stop(self, ending: Ending) -> None:
        """End the explorer and tell the reader why; returns once asked (run() finishes it)."""
        if self._ending is None:
            self._ending = ending
        self._stopping.set()

    async def _explorer_ended(self) -> None:
        """textual-serve calls this when the explorer has quit (or was asked to)."""
        if self._ending is None and not self._stopping.is_set():
            self.status = "explorer quit"
            await self.websocket.close()

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if isinstance(envelope, list) and len(envelope) >= 1:
                await self._dispatch(envelope[0], envelope[1] if len(envelope) > 1 else None)

    async def _dispatch(self, kind: object, data: object) -> None:
        service = self._service
        if kind == "stdin" and isinstance(data, str):
            self._last_input = self._loop.time()
            await service.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            size = _size(data.get("width"), data.get("height"))
            await service.set_terminal_size(size.columns, size.rows)
        elif kind == "ping" and isinstance(data, str | int | float):
            await self.websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()

    async def _watch_idle(self) -> None:
        timeout = self._state.config.idle_timeout
        while (left := timeout - (self._loop.time() - self._last_input)) > 0:
            await asyncio.sleep(left)
        await self.stop(idle_ending(timeout))


async def open_tab(request: web.Request) -> web.StreamResponse:
    """The websocket route: a new explorer if the limits allow, else a message and a close."""
    state = request.app[STATE]
    tab = Tab(state, request, request.app[DOWNLOADS])
    await tab.websocket.prepare(request)
    address = request.remote or "?"
    refusal = state.limits.acquire(address)
    if refusal is not None:
        state.config.log.write("refused", peer(request), reason="limit", path="/ws")
        await tab.say(refusal)
        return tab.websocket
    state.tabs.add(tab)
    try:
        await tab.run()
    finally:
        state.tabs.discard(tab)
        state.limits.release(address)
    return tab.websocket


async def close_every_tab(app: web.Application) -> None:
    """On shutdown: tell every reader, end every explorer, and wait for them."""
    state = app[STATE]
    tabs = list(state.tabs)
    for tab in tabs:
        await tab.stop(SHUTTING_DOWN)
    if tabs:
        waits = [asyncio.create_task(tab.ended.wait()) for tab in tabs]
        await asyncio.wait(waits, timeout=state.config.grace + 1.0)
        for wait in waits:
            wait.cancel()
