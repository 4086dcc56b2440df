"""The options `serve` and `web` share: where to listen and how many explorers to run."""

from __future__ import annotations

import argparse

from liaoning_tui.serve.address import ListenAddress


def listen_address(text: str) -> ListenAddress:
    try:
        return ListenAddress.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def add_listen(parser: argparse.ArgumentParser, port: int) -> None:
    parser.add_argument(
        "--listen",
        metavar="HOST:PORT",
        type=listen_address,
        default=ListenAddress("127.0.0.1", port),
        help=f"address to listen on, [::1]:{port} for IPv6 (default: 127.0.0.1:{port})",
    )


def add_session_limits(parser: argparse.ArgumentParser, idle: str) -> None:
    """`--max-sessions`, `--max-per-address` and `--idle-timeout`; `idle` says what the timeout
    ends."""
    parser.add_argument(
        "--max-sessions",
        metavar="N",
        type=count,
        default=32,
        help="explorers running at once (default: 32)",
    )
    parser.add_argument(
        "--max-per-address",
        metavar="N",
        type=count,
        default=8,
        help="explorers running at once from one address (default: 8)",
    )
    parser.add_argument(
        "--idle-timeout",
        metavar="SECONDS",
        type=seconds,
        default=15 * 60.0,
        help=f"{idle} after this long without a key press (default: 900)",
    )
