"""The HTML the server writes itself: the login form, the explorer's page, and messages.

No inline script anywhere, so the Content-Security-Policy can forbid it; every value is escaped.
"""

from __future__ import annotations

from html import escape

STYLE = '<link rel="stylesheet" href="/local/page.css">'


def _page(title: str, body: str, head: str = STYLE) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def login(title: str, problem: str | None = None) -> str:
    """The login form; `problem` says why the last attempt failed."""
    said = "" if problem is None else f'<p class="problem" role="alert">{escape(problem)}</p>\n'
    return _page(
        f"Log in: {title}",
        '<main class="box">\n'
        f"<h1>{escape(title)}</h1>\n{said}"
        '<form method="post" action="/login">\n'
        '<label for="token">Token or password</label>\n'
        '<input id="token" name="token" type="password" autocomplete="current-password" '
        "autofocus required>\n"
        '<button id="login" type="submit">Log in</button>\n</form>\n</main>',
    )


def message(title: str, heading: str, text: str) -> str:
    """A page that only says something: the server is full, the request is refused."""
    return _page(
        title,
        f'<main class="box">\n<h1>{escape(heading)}</h1>\n'
        f'<p id="message">{escape(text)}</p>\n'
        '<p><a href="/">Try again</a></p>\n</main>',
    )


def explorer(title: str, websocket_url: str, font_size: int) -> str:
    """The page whose terminal textual-serve's script connects to the explorer."""
    head = (
        '<link rel="stylesheet" href="/static/css/xterm.css">\n'
        f"{STYLE}\n"
        '<script src="/static/js/textual.js"></script>\n'
        '<script src="/local/tab.js" defer></script>'
    )
    return _page(
        title,
        '<div id="ended" class="ended" role="status">This explorer has ended. '
        '<button id="restart" type="button">Start again</button></div>\n'
        f'<div id="terminal" class="textual-terminal" '
        f'data-session-websocket-url="{escape(websocket_url)}" '
        f'data-font-size="{font_size}"></div>',
        head,
    )
