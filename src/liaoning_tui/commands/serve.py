"""`liaoning-tui serve`: serve the explorer over SSH, one explorer process per session."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from liaoning_tui.commands.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    facts_path,
    load_or_report,
)
from liaoning_tui.commands.server_options import add_listen, add_session_limits, count, seconds

if TYPE_CHECKING:
    from liaoning_tui.serve.hostkey import HostKey
    from liaoning_tui.serve.proxies import Network
    from liaoning_tui.serve.ssh import Server

INSTALL_HINT = (
    "liaoning-tui serve: the SSH server needs the optional asyncssh package; install it with\n"
    "  pip install 'liaoning-tui[ssh]'"
)
MAX_FILES = 1 << 20
CHOOSE_ACCESS = (
    "liaoning-tui serve: say who may connect:\n"
    "  --authorized-keys FILE  readers whose public key is in FILE (OpenSSH format)\n"
    "  --open                  anyone, with any user name and no password (read-only)"
)

PROXY_PAIR = (
    "liaoning-tui serve: --proxy-protocol and --proxy-from go together: say which load\n"
    "  balancers may name the reader's address, e.g. --proxy-protocol --proxy-from 10.0.0.5"
)


def _network(text: str) -> Network:
    from liaoning_tui.serve.proxies import parse_networks

    try:
        return parse_networks([text])[0]
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "serve",
        parents=[parent],
        help="serve the explorer over SSH",
        description=(
            "Serve the explorer over SSH: every reader who connects with a terminal gets an "
            "explorer of their own. Needs the ssh extra: pip install 'liaoning-tui[ssh]'."
        ),
        epilog=(
            "example: liaoning-tui serve --open --listen 0.0.0.0:2222, "
            "then readers run: ssh -p 2222 HOST"
        ),
    )
    add_listen(parser, 2222)
    access = parser.add_mutually_exclusive_group()
    access.add_argument(
        "--authorized-keys",
        metavar="FILE",
        type=Path,
        help="let in readers whose public key is in FILE; re-read at every login",
    )
    access.add_argument(
        "--open",
        action="store_true",
        help="let anyone in, with any user name and no password",
    )
    parser.add_argument(
        "--host-key",
        metavar="PATH",
        type=Path,
        help="the server's ed25519 key, made there on first start "
        "(default: in the user's data directory)",
    )
    add_session_limits(parser, "close a connection")
    parser.add_argument(
        "--login-timeout",
        metavar="SECONDS",
        type=seconds,
        default=30.0,
        help="time allowed to log in (default: 30)",
    )
    parser.add_argument(
        "--max-session-time",
        metavar="SECONDS",
        type=seconds,
        default=4 * 3600.0,
        help="end a session after this long, warning the reader 5 minutes before "
        "(default: 14400, four hours)",
    )
    parser.add_argument(
        "--explorer-memory",
        metavar="MIB",
        type=count,
        default=1024,
        help="address space each explorer may map (default: 1024)",
    )
    parser.add_argument(
        "--explorer-cpu",
        metavar="SECONDS",
        type=count,
        default=900,
        help="CPU time each explorer may use in all (default: 900)",
    )
    parser.add_argument(
        "--compression",
        action="store_true",
        help="offer zlib compression (off by default: it lets a small packet cost much memory)",
    )
    parser.add_argument(
        "--cold-start",
        action="store_true",
        help="start each explorer as a new Python process instead of forking it from a "
        "warm fork server (slower and several times the memory; for comparison)",
    )
    parser.add_argument(
        "--proxy-protocol",
        action="store_true",
        help="behind a load balancer: read a PROXY protocol header (v1 or v2) before SSH, "
        "from the addresses given with --proxy-from only",
    )
    parser.add_argument(
        "--proxy-from",
        metavar="ADDRESS",
        action="append",
        type=_network,
        default=[],
        help="a load balancer's address or network (10.0.0.0/8) trusted to name the reader's "
        "address; may be repeated",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="started as root: listen and read the host key, then run as NAME and its groups",
    )
    parser.set_defaults(run=run)


def _announce(server: Server, host_key: HostKey, access: str) -> None:
    state = "new" if host_key.created else "kept"
    print(f"host key {host_key.fingerprint} ({state}, {host_key.path})")
    for address in server.addresses:
        print(f"listening on {address} ({access})")
    host = server.config.listen.host
    shown = host if host not in {"", "0.0.0.0", "::"} else "HOST"
    print(f"readers connect with: ssh -p {server.port} {shown}; stop with ctrl+c", flush=True)


def raise_file_limit() -> int:
    """Let the server hold as many connections as the system allows this process (the soft
    limit, often 1,024, is what a flood of idle connections exhausted); the new soft limit."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_FILES if hard == resource.RLIM_INFINITY else min(hard, MAX_FILES)
    if wanted > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (OSError, ValueError):
            return soft
        return wanted
    return soft


def run(args: argparse.Namespace) -> int:
    if not args.open and args.authorized_keys is None:
        print(CHOOSE_ACCESS, file=sys.stderr)
        return EXIT_USAGE
    if args.proxy_protocol != bool(args.proxy_from):
        print(PROXY_PAIR, file=sys.stderr)
        return EXIT_USAGE
    try:
        import asyncssh
        import proxyprotocol  # noqa: F401  (the ssh extra's other half, for --proxy-protocol)
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return EXIT_PROBLEM

    import asyncio

    from liaoning_tui.serve import hostkey, privileges
    from liaoning_tui.serve.config import ServeConfig
    from liaoning_tui.serve.confine import ChildLimits
    from liaoning_tui.serve.policy import Algorithms
    from liaoning_tui.serve.proxies import ProxyPolicy
    from liaoning_tui.serve.ssh import ListenError, serve
    from liaoning_tui.serve.warm import WarmStart

    if load_or_report(args) is None:
        return EXIT_PROBLEM
    try:
        account = privileges.account(args.user)
    except privileges.PrivilegeError as error:
        print(f"liaoning-tui serve: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.open:
        access = "open to anyone"
    else:
        access = f"keys in {args.authorized_keys}"
        try:
            asyncssh.read_authorized_keys(str(args.authorized_keys))
        except (OSError, ValueError) as error:
            print(
                f"liaoning-tui serve: cannot use {args.authorized_keys}: {error}", file=sys.stderr
            )
            return EXIT_PROBLEM
    try:
        host_key = hostkey.load_or_create(args.host_key or hostkey.default_path())
    except hostkey.HostKeyError as error:
        print(f"liaoning-tui serve: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    facts = facts_path(args).resolve()
    limits = ChildLimits(memory_mib=args.explorer_memory, cpu_seconds=args.explorer_cpu)
    warm = None if args.cold_start else WarmStart(facts, limits)
    config = ServeConfig(
        command=(sys.executable, "-m", "liaoning_tui", "--facts", str(facts)),
        warm=warm,
        listen=args.listen,
        authorized_keys=args.authorized_keys,
        anonymous=args.open,
        max_sessions=args.max_sessions,
        max_per_address=args.max_per_address,
        idle_timeout=args.idle_timeout,
        login_timeout=args.login_timeout,
        max_session_time=args.max_session_time,
        algorithms=Algorithms(compression=args.compression),
        child_limits=limits,
        proxy=ProxyPolicy(tuple(args.proxy_from)),
    )
    raise_file_limit()

    def ready(server: Server) -> None:
        if account is not None:
            privileges.drop_to(account)
        if warm is not None:
            try:
                warm.start()  # as the user the explorers run as, never as root
            except OSError as error:  # tried again at each session, which fails until it starts
                config.log.write("problem", "-", fork_server=error.strerror or error)
        _announce(server, host_key, access)

    try:
        asyncio.run(serve(config, host_key.key, ready))
    except ListenError as error:
        print(f"liaoning-tui serve: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
