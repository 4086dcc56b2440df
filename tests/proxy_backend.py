"""One backend of the HAProxy test: the server `serve --proxy-protocol --proxy-from 127.0.0.1`
builds, with the stand-in explorer, as a process of its own (so the test can kill it).

The CLI itself is not used because CI runs as root, where it drops to a user who may not be
able to run this checkout's Python; the flags are tested in test_serve_proxy.

Usage: python proxy_backend.py HOST_KEY_PATH
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from liaoning_tui.serve import hostkey
from liaoning_tui.serve.address import ListenAddress
from liaoning_tui.serve.config import ServeConfig
from liaoning_tui.serve.proxies import ProxyPolicy, parse_networks
from liaoning_tui.serve.ssh import Server, serve

ECHO = (sys.executable, str(Path(__file__).with_name("serve_child.py")))


def main() -> None:
    key = hostkey.load_or_create(Path(sys.argv[1]))
    config = ServeConfig(
        command=ECHO,
        anonymous=True,
        listen=ListenAddress("127.0.0.1", 0),
        proxy=ProxyPolicy(parse_networks(["127.0.0.1"])),
        grace=0.5,
    )

    def ready(server: Server) -> None:
        print(f"host key {key.fingerprint} ", flush=True)
        print(f"listening on {server.addresses[0]}", flush=True)

    asyncio.run(serve(config, key.key, ready))


if __name__ == "__main__":
    main()
