"""`liaoning-tui web`: serve the explorer to browsers, one explorer process per tab."""

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
from liaoning_tui.commands.server_options import add_listen, add_session_limits

if TYPE_CHECKING:
    import ssl

    from liaoning_tui.serve.address import ListenAddress

INSTALL_HINT = (
    "liaoning-tui web: the web server needs the optional textual-serve package; install it with\n"
    "  pip install 'liaoning-tui[web]'"
)
CHOOSE_ACCESS = (
    "liaoning-tui web: say who may connect:\n"
    "  --token-file FILE  readers who log in with a token whose hash is in FILE\n"
    "                     (make a line with: liaoning-tui web --hash-token NAME)\n"
    "  --open             anyone, without logging in (read-only)"
)
NEEDS_TLS = (
    "liaoning-tui web: {listen} can be reached from other machines: give --certfile and --keyfile "
    "to serve HTTPS, or --insecure to send tokens and pages in clear text"
)


def _origin(text: str) -> str:
    from liaoning_tui.web.config import public_origin

    try:
        return public_origin(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "web",
        parents=[parent],
        help="serve the explorer to web browsers",
        description=(
            "Serve the explorer to web browsers: every tab gets an explorer of its own. "
            "Needs the web extra: pip install 'liaoning-tui[web]'."
        ),
        epilog=(
            "example: liaoning-tui web --hash-token alice >> tokens; "
            "liaoning-tui web --token-file tokens --listen 127.0.0.1:8000"
        ),
    )
    add_listen(parser, 8000)
    access = parser.add_mutually_exclusive_group()
    access.add_argument(
        "--token-file",
        metavar="FILE",
        type=Path,
        help="let in readers who log in with a token hashed in FILE; re-read at every login",
    )
    access.add_argument("--open", action="store_true", help="let anyone in without logging in")
    access.add_argument(
        "--hash-token",
        metavar="NAME",
        help="read a token or password (standard input, or asked for on a terminal), print "
        "its line for a token file, and exit",
    )
    parser.add_argument("--certfile", metavar="PEM", type=Path, help="TLS certificate chain")
    parser.add_argument("--keyfile", metavar="PEM", type=Path, help="TLS private key")
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="allow plain HTTP on an address other machines can reach",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        type=_origin,
        help="the address readers open, e.g. https://explorer.example.org, when a reverse proxy "
        "stands in front; websockets from any other origin are refused",
    )
    add_session_limits(parser, "end a tab's explorer")
    parser.set_defaults(run=run)


def hash_token(name: str) -> int:
    from liaoning_tui.web.tokens import hash_token as make_line

    if sys.stdin.isatty():
        import getpass

        token = getpass.getpass("token or password: ")
    else:
        token = sys.stdin.readline().rstrip("\r\n")
    try:
        print(make_line(name, token))
    except ValueError as error:
        print(f"liaoning-tui web: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _tls(args: argparse.Namespace) -> ssl.SSLContext | None:
    """The TLS context, None for plain HTTP; ValueError with a message when it cannot be made."""
    import ssl

    if (args.certfile is None) != (args.keyfile is None):
        raise ValueError("give both --certfile and --keyfile, or neither")
    if args.certfile is None:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(args.certfile, args.keyfile)
    except (OSError, ssl.SSLError) as error:
        raise ValueError(f"cannot use {args.certfile} and {args.keyfile}: {error}") from None
    return context


def run(args: argparse.Namespace) -> int:
    import asyncio
    import shlex

    if args.hash_token is not None:
        return hash_token(args.hash_token)
    if not args.open and args.token_file is None:
        print(CHOOSE_ACCESS, file=sys.stderr)
        return EXIT_USAGE
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return EXIT_PROBLEM
    import os

    from liaoning_tui.web import tokens
    from liaoning_tui.web.config import WebConfig, is_loopback
    from liaoning_tui.web.server import ListenError, serve

    try:
        tls = _tls(args)
    except ValueError as error:
        print(f"liaoning-tui web: {error}", file=sys.stderr)
        return EXIT_USAGE if "give both" in str(error) else EXIT_PROBLEM
    if tls is None and not args.insecure and not is_loopback(args.listen.host):
        print(NEEDS_TLS.format(listen=args.listen), file=sys.stderr)
        return EXIT_USAGE
    if load_or_report(args) is None:
        return EXIT_PROBLEM
    if args.token_file is not None:
        try:
            readers = len(tokens.read_token_file(args.token_file))
        except tokens.TokenFileError as error:
            print(f"liaoning-tui web: {error}", file=sys.stderr)
            return EXIT_PROBLEM
        access = f"{readers} token(s) in {args.token_file}"
    else:
        access = "open to anyone"
    child = [sys.executable, "-m", "liaoning_tui.web.child", str(os.getpid())]
    config = WebConfig(
        command="exec " + shlex.join([*child, str(facts_path(args).resolve())]),
        listen=args.listen,
        token_file=args.token_file,
        anonymous=args.open,
        tls=tls,
        max_sessions=args.max_sessions,
        max_per_address=args.max_per_address,
        idle_timeout=args.idle_timeout,
        public_url=args.public_url,
    )
    scheme = "https" if tls else "http"

    def announce(addresses: list[ListenAddress]) -> None:
        for address in addresses:
            print(f"listening on {scheme}://{address} ({access}); stop with ctrl+c", flush=True)

    try:
        asyncio.run(serve(config, announce))
    except ListenError as error:
        print(f"liaoning-tui web: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
