"""Checked fact bases kept on disk by the hash of their bytes, so opening one again skips parsing.

Parsing and checking a large base takes seconds; reading it back from a pickle takes a tenth of
that. An entry is named by the hash of the file's bytes and of the loader's own code, so any edit
of either misses and rebuilds. An entry is written whole or not at all (temporary file, then
rename), and one that cannot be read, or that another user could have written, is ignored: the
cache only ever saves time, it never changes an answer or an error.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from liaoning_tui.collector import lasting
from liaoning_tui.facts.load import loads, read_bytes
from liaoning_tui.facts.model import (
    Entity,
    FactBase,
    Figure,
    Link,
    Point,
    Series,
    Source,
    Statement,
)

FORMAT = 1
"""Bump when the layout of an entry changes."""
KEEP = 8
"""How many entries stay after a write; the least recently used go first."""
MAGIC = b"liaoning-tui facts cache\n"
_RECORDS = (Source, Figure, Point, Series, Link, Statement, Entity, FactBase)


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
    return directory / f"{digest.hexdigest()}.pickle"


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
    """The fact base in `entry`, or None when it is missing, foreign, damaged or stale.

    The records last as long as the fact base, so they are built `lasting`: no collection
    while unpickling tens of thousands of them, then frozen out of later full collections; they
    hold no cycles, so reference counting still frees them. At 10,000 companies that is 70 ms of
    start-up.
    """
    try:
        with entry.open("rb") as file:
            stat = os.fstat(file.fileno())
            if hasattr(os, "getuid") and (stat.st_uid != os.getuid() or stat.st_mode & 0o022):
                return None
            if file.read(len(MAGIC)) != MAGIC:
                return None
            payload = file.read()
        with lasting():
            facts = pickle.loads(payload)
    except Exception:
        return None
    if not isinstance(facts, FactBase):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)
    return facts


def write_entry(entry: Path, facts: FactBase) -> None:
    """Store `facts` in `entry`, whole or not at all; a cache that cannot be written is skipped."""
    import tempfile

    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(MAGIC)
                file.write(_dumps(facts))
            temporary.replace(entry)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        _prune(entry.parent)
    except (OSError, pickle.PicklingError, RecursionError):
        return


def _prune(directory: Path) -> None:
    entries = sorted(
        directory.glob("*.pickle"), key=lambda entry: entry.stat().st_mtime_ns, reverse=True
    )
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _dumps(facts: FactBase) -> bytes:
    """A pickle that rebuilds each record through its constructor, with equal strings shared.

    Sharing makes the entry a third smaller and loading it twice as fast and half the memory; the
    constructor skips the slow generic state-setting of frozen dataclasses with slots.
    """
    shared: dict[str, str] = {}
    table: dict[type, Callable[[Any], Any]] = dict(copyreg.dispatch_table)
    for record in _RECORDS:
        table[record] = _reducer(record, shared)
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = table
    pickler.dump(facts)
    return buffer.getvalue()


def _reducer(record: type, shared: dict[str, str]) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    names = tuple(field.name for field in dataclasses.fields(record) if field.init)

    def reduce(item: Any) -> tuple[type, tuple[Any, ...]]:
        values = (getattr(item, name) for name in names)
        return record, tuple(
            shared.setdefault(value, value) if type(value) is str else value for value in values
        )

    return reduce
