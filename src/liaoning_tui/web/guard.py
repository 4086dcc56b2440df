"""The middleware in front of textual-serve's pieces: security headers, the login, origin checks.

textual-serve (1.1) has no hook for authentication (Textualize/textual-serve#41, open, would add
one shared password), so every route, the websocket, downloads and its static files included,
sits behind `require_login`; only the login form and its stylesheet are open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from liaoning_tui.web import pages, tokens
from liaoning_tui.web.config import is_loopback
from liaoning_tui.web.state import STATE, peer

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
COOKIE = "liaoning_session"
OPEN_PATHS = frozenset({"/login", "/local/page.css", "/favicon.ico"})
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""xterm.js adds <style> elements as it draws, hence 'unsafe-inline' for styles (not scripts)."""
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HSTS = "max-age=31536000"


def secure(request: web.Request) -> bool:
    """Whether the browser reached us over HTTPS (directly, or through the public URL)."""
    public = request.app[STATE].config.public_url
    return request.secure if public is None else public.startswith("https:")


def own_origin(request: web.Request) -> str:
    public = request.app[STATE].config.public_url
    return public if public is not None else f"{request.scheme}://{request.host.lower()}"


def _add_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(HEADERS)
    if secure(request):
        response.headers["Strict-Transport-Security"] = HSTS
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        _add_headers(request, error)
        raise
    if not response.prepared:
        _add_headers(request, response)
    return response


def same_origin(request: web.Request) -> bool:
    """Whether the request comes from a page this server served (DNS rebinding included:
    on a loopback address, the page must also have been asked for by a loopback name)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    parts = urlsplit(origin.lower())
    if f"{parts.scheme}://{parts.netloc}" != own_origin(request):
        return False
    config = request.app[STATE].config
    if config.public_url is not None or not is_loopback(config.listen.host):
        return True
    return is_loopback((parts.hostname or "").strip("[]"))


def refuse(request: web.Request, status: type[web.HTTPException], text: str) -> web.HTTPException:
    title = request.app[STATE].config.title
    return status(text=pages.message(title, "Refused", text), content_type="text/html")


@web.middleware
async def require_login(request: web.Request, handler: Handler) -> web.StreamResponse:
    state = request.app[STATE]
    if request.method not in {"GET", "HEAD"} and not same_origin(request):
        state.config.log.write("refused", peer(request), reason="cross-origin", path=request.path)
        raise refuse(request, web.HTTPForbidden, "This request did not come from this site.")
    if request.path in OPEN_PATHS:
        return await handler(request)
    if request.path == "/ws" and not same_origin(request):
        state.config.log.write("refused", peer(request), reason="cross-origin", path="/ws")
        raise refuse(request, web.HTTPForbidden, "This connection did not come from this site.")
    if reader(request) is None:
        if request.path == "/":
            raise web.HTTPSeeOther("/login")
        raise refuse(request, web.HTTPUnauthorized, "Log in first.")
    return await handler(request)


def reader(request: web.Request) -> str | None:
    """Who is logged in on this request: their name, `-` on an open server, None if nobody."""
    state = request.app[STATE]
    if state.config.anonymous:
        return "-"
    login = state.logins.find(request.cookies.get(COOKIE))
    return None if login is None else login.name


async def login_form(request: web.Request) -> web.Response:
    state = request.app[STATE]
    if state.config.anonymous:
        raise web.HTTPSeeOther("/")
    return web.Response(text=pages.login(state.config.title), content_type="text/html")


async def log_in(request: web.Request) -> web.Response:
    state = request.app[STATE]
    config = state.config
    if config.token_file is None:
        raise web.HTTPSeeOther("/")
    address = request.remote or "?"
    if state.logins.throttled(address):
        config.log.write("login-throttled", peer(request))
        return _login_again(
            request, web.HTTPTooManyRequests, "Too many failed logins: wait a minute."
        )
    form = await request.post()
    token = form.get("token")
    name = None
    if isinstance(token, str):
        try:
            entries = tokens.read_token_file(config.token_file)
        except tokens.TokenFileError as error:
            config.log.write("problem", peer(request), token_file=error)
            entries = ()
        name = await asyncio.to_thread(tokens.check, entries, token)
    if name is None:
        state.logins.failed(address)
        config.log.write("login-failed", peer(request))
        return _login_again(request, web.HTTPUnauthorized, "That token is not valid.")
    config.log.write("login", peer(request), user=name)
    response = web.Response(status=303, headers={"Location": "/"})
    response.set_cookie(
        COOKIE,
        state.logins.create(name),
        max_age=int(config.login_lifetime),
        path="/",
        httponly=True,
        samesite="Strict",
        secure=secure(request),
    )
    return response


def _login_again(
    request: web.Request, status: type[web.HTTPException], problem: str
) -> web.Response:
    title = request.app[STATE].config.title
    return web.Response(
        text=pages.login(title, problem), status=status.status_code, content_type="text/html"
    )


async def log_out(request: web.Request) -> web.Response:
    request.app[STATE].logins.end(request.cookies.get(COOKIE))
    response = web.Response(status=303, headers={"Location": "/login"})
    response.del_cookie(COOKIE, path="/")
    return response
