"""Everything the SSH server is told at start."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.confine import ChildLimits
from liaoning_tui.serve.log import Log
from liaoning_tui.serve.policy import Algorithms
from liaoning_tui.serve.proxies import ProxyPolicy

if TYPE_CHECKING:
    from liaoning_tui.serve.warm import WarmStart


@dataclass(frozen=True, slots=True)
class ServeConfig:
    command: tuple[str, ...]
    """The explorer's argv, run once per session."""
    listen: ListenAddress = field(default_factory=lambda: ListenAddress("127.0.0.1", 2222))
    authorized_keys: Path | None = None
    """Public keys allowed in, re-read at each login; None with `anonymous`."""
    anonymous: bool = False
    """Anyone may connect, with any user name and no password (`--open`)."""
    max_sessions: int = 32
    max_per_address: int = 8
    idle_timeout: float = 15 * 60.0
    """Seconds without a key from the reader before the connection is closed."""
    login_timeout: float = 30.0
    grace: float = 2.0
    """Seconds an explorer gets to end after a hang-up before it is killed."""
    log: Log = field(default_factory=Log)
    algorithms: Algorithms = field(default_factory=Algorithms)
    child_limits: ChildLimits = field(default_factory=ChildLimits)
    max_session_time: float = 4 * 3600.0
    """Seconds a session may last; the reader is warned `SESSION_WARNING` seconds before."""
    warm: WarmStart | None = None
    """Fork explorers from this fork server instead of running `command` (`serve` does)."""
    proxy: ProxyPolicy = field(default_factory=ProxyPolicy)
    """Expect a PROXY protocol header, only from these balancers (`--proxy-protocol`)."""

    def __post_init__(self) -> None:
        if self.anonymous == (self.authorized_keys is not None):
            raise ValueError("choose exactly one of authorized_keys and anonymous")
