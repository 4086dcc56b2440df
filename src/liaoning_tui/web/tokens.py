"""The token file: who may log in, each token or password stored only as a salted scrypt hash.

One reader a line, `NAME scrypt$N$R$P$SALT$HASH` (SALT and HASH in hex); blank lines and lines
starting with `#` are skipped. NAME is what the log shows for that reader. `liaoning-tui web
--hash-token NAME` makes a line.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

SCHEME = "scrypt"
COST = 2**14
BLOCK = 8
PARALLEL = 1
SALT_BYTES = 16
HASH_BYTES = 32
MAX_TOKEN = 1024
"""Longer input is refused before it is hashed, so a login cannot be made expensive."""
MAX_COST = 2**20
MAX_FILE = 1024 * 1024
NAME = re.compile(r"[A-Za-z0-9._@+-]{1,32}")
HASHED = re.compile(r"scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]{16,128})\$([0-9a-f]{32,128})")


class TokenFileError(Exception):
    """The token file cannot be used; the message names the file and, where it can, the line."""


def _scrypt(token: str, salt: bytes, cost: int, block: int, parallel: int, size: int) -> bytes:
    return hashlib.scrypt(
        token.encode("utf-8"),
        salt=salt,
        n=cost,
        r=block,
        p=parallel,
        dklen=size,
        maxmem=128 * block * cost * parallel + 1024 * 1024,
    )


def hash_token(name: str, token: str) -> str:
    """One line of a token file for `token`, logged as `name`."""
    if not NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not a name: use 1 to 32 letters, digits and ._@+-")
    if not token or len(token) > MAX_TOKEN:
        raise ValueError(f"a token must have 1 to {MAX_TOKEN} characters")
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(token, salt, COST, BLOCK, PARALLEL, HASH_BYTES)
    return f"{name} {SCHEME}${COST}${BLOCK}${PARALLEL}${salt.hex()}${digest.hex()}"


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    cost: int
    block: int
    parallel: int
    salt: bytes
    digest: bytes

    def matches(self, token: str) -> bool:
        found = _scrypt(token, self.salt, self.cost, self.block, self.parallel, len(self.digest))
        return hmac.compare_digest(found, self.digest)


def _entry(path: Path, number: int, line: str) -> Entry:
    where = f"{path}:{number}"
    name, _, hashed = line.partition(" ")
    if not NAME.fullmatch(name):
        raise TokenFileError(
            f"{where}: expected NAME scrypt$..., the name is not 1 to 32 of A-Z a-z 0-9 ._@+-"
        )
    match = HASHED.fullmatch(hashed.strip())
    if match is None:
        raise TokenFileError(
            f"{where}: expected NAME scrypt$N$R$P$SALT$HASH as printed by "
            "`liaoning-tui web --hash-token NAME`"
        )
    cost, block, parallel = (int(match[i]) for i in (1, 2, 3))
    if cost < 2 or cost > MAX_COST or cost & (cost - 1) or not 1 <= block <= 32 or parallel != 1:
        raise TokenFileError(
            f"{where}: unsupported scrypt parameters N={cost} R={block} P={parallel}"
        )
    return Entry(name, cost, block, parallel, bytes.fromhex(match[4]), bytes.fromhex(match[5]))


def read_token_file(path: Path) -> tuple[Entry, ...]:
    """Every entry of the file; TokenFileError if it cannot be read, has a bad line or none."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE + 1)
    except OSError as error:
        raise TokenFileError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_FILE:
        raise TokenFileError(f"{path}: larger than {MAX_FILE} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TokenFileError(f"{path}: not UTF-8 text ({error.reason})") from None
    entries = tuple(
        _entry(path, number, line.strip())
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    )
    if not entries:
        raise TokenFileError(
            f"{path}: no tokens; add a line made by `liaoning-tui web --hash-token NAME`"
        )
    return entries


def check(entries: tuple[Entry, ...], token: str) -> str | None:
    """The name of the reader whose token this is, or None.

    Every entry is hashed and compared, so the time taken says nothing about which one matched.
    """
    if not token or len(token) > MAX_TOKEN:
        return None
    found = None
    for entry in entries:
        if entry.matches(token) and found is None:
            found = entry.name
    return found
