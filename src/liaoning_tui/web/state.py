"""What the web server holds while it runs, kept on the aiohttp application."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiohttp import web

from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.limits import Limits
from liaoning_tui.web.config import WebConfig
from liaoning_tui.web.logins import Logins

if TYPE_CHECKING:
    from liaoning_tui.web.tabs import Tab


@dataclass(slots=True)
class WebState:
    config: WebConfig
    logins: Logins
    limits: Limits
    tabs: set[Tab] = field(default_factory=set)

    @classmethod
    def start(cls, config: WebConfig) -> WebState:
        return cls(
            config,
            Logins(config.login_lifetime),
            Limits(config.max_sessions, config.max_per_address),
        )


STATE = web.AppKey("liaoning_state", WebState)


def peer(request: web.Request) -> str:
    """The client's address and port, for the log."""
    found = request.transport.get_extra_info("peername") if request.transport else None
    if not found:
        return request.remote or "?"
    return str(ListenAddress(str(found[0]), int(found[1])))
