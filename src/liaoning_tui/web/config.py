"""Everything the web server is told at start."""

from __future__ import annotations

import ipaddress
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.log import Log


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (an empty host is every interface)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def public_origin(url: str) -> str:
    """`scheme://host[:port]` of an http(s) URL, lower-cased; ValueError for anything else."""
    parts = urlsplit(url.strip().lower())
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path not in {"", "/"}:
        raise ValueError(f"{url!r} is not an origin like https://explorer.example.org")
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError(f"{url!r} is not an origin like https://explorer.example.org")
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True, slots=True)
class WebConfig:
    command: str
    """The shell command textual-serve runs once per browser tab: the explorer."""
    listen: ListenAddress = field(default_factory=lambda: ListenAddress("127.0.0.1", 8000))
    token_file: Path | None = None
    """Hashed tokens allowed in, re-read at each login; None with `anonymous`."""
    anonymous: bool = False
    """Anyone may use the explorer without logging in (`--open`)."""
    tls: ssl.SSLContext | None = None
    max_sessions: int = 32
    max_per_address: int = 8
    idle_timeout: float = 15 * 60.0
    """Seconds without a key from the reader before the tab's explorer is ended."""
    login_lifetime: float = 12 * 3600.0
    """Seconds a login stays valid."""
    grace: float = 2.0
    """Seconds an explorer gets to end when its tab closes before the server stops waiting."""
    public_url: str | None = None
    """The origin readers' browsers use (`https://explorer.example.org`) when a reverse proxy
    stands in front; None: the origin is this server's own scheme and the Host asked for."""
    title: str = "Liaoning explorer"
    log: Log = field(default_factory=Log)

    def __post_init__(self) -> None:
        if self.anonymous == (self.token_file is not None):
            raise ValueError("choose exactly one of token_file and anonymous")
