"""The environment an explorer process gets: built from scratch, never inherited.

From the server: PATH and HOME. From the client: its terminal type and the variables that describe
how to draw (language and colours); anything else it sends is dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

PASSED_ON = frozenset({"LANG", "COLORTERM", "NO_COLOR"})
LOCALE_NAME = re.compile(r"LC_[A-Z]+")
TERM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
DEFAULT_TERM = "xterm-256color"
MAX_VALUE = 256


def is_passed_on(name: str) -> bool:
    """Whether a variable the client sends reaches the explorer."""
    return name in PASSED_ON or LOCALE_NAME.fullmatch(name) is not None


def _printable(value: str) -> bool:
    return len(value) <= MAX_VALUE and value.isprintable()


def child_environment(
    term: str, client: Mapping[str, str], server: Mapping[str, str] = os.environ
) -> dict[str, str]:
    """The whole environment of one explorer process."""
    environment = {
        "PATH": server.get("PATH", os.defpath),
        "HOME": server.get("HOME", str(Path.home())),
        "TERM": term if TERM_NAME.fullmatch(term) else DEFAULT_TERM,
    }
    environment.update(
        (name, value) for name, value in client.items() if is_passed_on(name) and _printable(value)
    )
    return environment
