"""Whether a reader's key may log in: in `authorized_keys`, with options this server honours.

asyncssh matches `from=` itself but keeps every other option it does not know (`expiry-time`,
`restrict`) without acting on it, so the server checks the options here and refuses a key whose
options it cannot honour, as OpenSSH would rather than ignore them.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Collection, Mapping

import asyncssh

HONOURED = frozenset(
    {
        "from",
        "expiry-time",
        "restrict",
        "pty",
        "no-port-forwarding",
        "no-agent-forwarding",
        "no-x11-forwarding",
        "no-user-rc",
        "permitopen",
        "permitlisten",
    }
)
"""`from` and `expiry-time` are checked; the rest forbid what this server never offers."""
EXPIRY_FORMATS = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}


def expiry(text: str) -> float | None:
    """`YYYYMMDD[HHMM[SS]]` in local time, or in UTC with a trailing Z, as OpenSSH reads it."""
    utc = text.endswith(("Z", "z"))
    digits = text[:-1] if utc else text
    layout = EXPIRY_FORMATS.get(len(digits))
    if layout is None or not digits.isdigit():
        return None
    try:
        parsed = time.strptime(digits, layout)
    except ValueError:
        return None
    return float(calendar.timegm(parsed)) if utc else time.mktime(parsed)


def refusal(options: Mapping[str, object], now: float) -> str | None:
    """Why a matching key may not log in, as one word for the log; None if it may."""
    names = {name.lower() for name in options}
    if "no-pty" in names or ("restrict" in names and "pty" not in names):
        return "key-forbids-terminal"
    unknown = sorted(names - HONOURED)
    if unknown:
        return f"key-option-not-supported:{unknown[0]}"
    for name, value in options.items():
        if name.lower() != "expiry-time":
            continue
        for text in value if isinstance(value, list) else [value]:
            until = expiry(str(text))
            if until is None:
                return "key-expiry-unreadable"
            if until <= now:
                return "key-expired"
    return None


def limit_signatures(key: asyncssh.SSHKey, allowed: Collection[str]) -> bool:
    """Let `key` verify only signatures in `allowed`; False when none of its own is.

    asyncssh's server checks a client's signature against every algorithm the key type knows,
    whatever `signature_algs` says, so an RSA key would still log in with `ssh-rsa` (SHA-1)
    signatures; narrowing the set on this one decoded key is the smallest way to refuse them.
    """
    usable = {name for name in key.all_sig_algorithms if name.decode() in allowed}
    if not usable:
        return False
    key.all_sig_algorithms = usable
    return True
