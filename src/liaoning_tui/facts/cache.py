"""Checked fact bases kept on disk by the hash of their bytes, so opening one again skips parsing.

Parsing and checking a large base takes seconds; reading it back takes a tenth of that. An entry
is named by the hash of the file's bytes and of the loader's own code, so any edit of either misses
and rebuilds. An entry is plain data, MessagePack written and read by msgspec, which loading cannot
execute and which is checked against the records' field types as it is read (faster than the
pickle it replaced, which could run code).
It is written whole or not at all (temporary file, then rename), and one that cannot be read, that
has another shape, or that another user could have written, is ignored: the cache only ever saves
time, it never changes an answer or an error.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import sys
from pathlib import Path

from liaoning_tui.atomic import write_atomically
from liaoning_tui.facts.load import loads, read_bytes
from liaoning_tui.facts.model import FactBase

FORMAT = 2
"""Bump when the layout of an entry changes."""
KEEP = 8
"""How many entries stay after a write; the least recently used go first."""
MAGIC = b"liaoning-tui facts cache\n"


def cache_dir() -> Path:
    """Where entries live: the user's cache directory for liaoning-tui."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("liaoning-tui")) / "facts"


def _code_stamp() -> bytes:
    """What the checked result depends on besides the file: this package's code and Python.

    Installing another version rewrites these files, so their sizes and times stand for it.
    """
    parts = [f"{FORMAT} {sys.version_info[:2]} {sys.implementation.name}"]
    for source in sorted(Path(__file__).parent.glob("*.py")):
        stat = source.stat()
        parts.append(f"{source.name} {stat.st_size} {stat.st_mtime_ns}")
    return "\n".join(parts).encode()


def entry_for(data: bytes, directory: Path) -> Path:
    """The entry that holds the fact base whose file has these bytes."""
    digest = hashlib.sha256(_code_stamp())
    digest.update(data)
    return directory / f"{digest.hexdigest()}.entry"


def load_cached(path: str | Path, directory: Path | None = None) -> FactBase:
    """The checked fact base at `path`, as `load` gives it, from the cache when it can be.

    Errors are exactly `load`'s: a file with problems is never cached and always checked again.
    """
    name = str(path)
    data = read_bytes(Path(path), name)
    entry = entry_for(data, directory or cache_dir())
    facts = read_entry(entry)
    if facts is None:
        facts = loads(data, name)
        write_entry(entry, facts)
    elif facts.origin != name:
        facts = dataclasses.replace(facts, origin=name)
    return facts


def read_entry(entry: Path) -> FactBase | None:
    """The fact base in `entry`, or None when it is missing, foreign, damaged or stale."""
    try:
        with entry.open("rb") as file:
            stat = os.fstat(file.fileno())
            if hasattr(os, "getuid") and (stat.st_uid != os.getuid() or stat.st_mode & 0o022):
                return None
            if file.read(len(MAGIC)) != MAGIC:
                return None
            payload = file.read()
        facts = _loads(payload)
    except Exception:
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)
    return facts


def write_entry(entry: Path, facts: FactBase) -> None:
    """Store `facts` in `entry`, whole or not at all; a cache that cannot be written is skipped."""
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(entry, MAGIC + _dumps(facts), overwrite=True, mode=0o600)
        _prune(entry.parent)
    except (OSError, ValueError, TypeError, RecursionError):
        return


def _prune(directory: Path) -> None:
    entries = sorted(
        directory.glob("*.entry"), key=lambda entry: entry.stat().st_mtime_ns, reverse=True
    )
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _dumps(facts: FactBase) -> bytes:
    """`facts` as MessagePack: plain values only, which msgspec reads back into typed records."""
    import msgspec

    return msgspec.msgpack.encode(facts)


def _loads(payload: bytes) -> FactBase:
    """The fact base in `payload`; msgspec checks every value against its record's field types,
    so an entry of another shape raises instead of giving wrong records."""
    import msgspec

    return msgspec.msgpack.decode(payload, type=FactBase)
