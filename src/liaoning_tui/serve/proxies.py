"""Which load balancers are trusted to name the reader's address (`--proxy-from`)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(texts: Iterable[str]) -> tuple[Network, ...]:
    """`127.0.0.1`, `10.0.0.0/8` or `::1`; ValueError naming the bad one otherwise."""
    networks = []
    for text in texts:
        try:
            networks.append(ipaddress.ip_network(text.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{text!r} is not an IP address or network") from None
    return tuple(networks)


@dataclass(frozen=True, slots=True)
class ProxyPolicy:
    """Who may send a PROXY header; an empty policy means the protocol is off."""

    proxies: tuple[Network, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.proxies)

    def trusts(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip in network for network in self.proxies)
