"""The `--listen HOST:PORT` address, IPv6 in brackets."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ListenAddress:
    """Where the server listens."""

    host: str
    """A name or an IP address, without brackets; empty for every interface."""
    port: int
    """0 asks the system for a free port."""

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @classmethod
    def parse(cls, text: str) -> ListenAddress:
        """`127.0.0.1:2222`, `[::1]:2222`, `example.org:2222` or `:2222`; ValueError otherwise."""
        host, separator, port_text = text.rpartition(":")
        if not separator:
            raise ValueError(f"{text!r} has no port: write HOST:PORT, e.g. 127.0.0.1:2222")
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
            try:
                ipaddress.IPv6Address(host)
            except ValueError:
                raise ValueError(f"{text!r}: {host!r} is not an IPv6 address") from None
        elif ":" in host:
            raise ValueError(f"{text!r}: put an IPv6 address in brackets, e.g. [::1]:2222")
        if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
            raise ValueError(f"{text!r}: the port must be a number from 0 to 65535")
        return cls(host, int(port_text))
