"""Checked fact bases kept on disk by the hash of their bytes, so opening one again skips parsing.

Parsing and checking a large base takes seconds; reading it back takes a tenth of that. An entry
is named by the hash of the file's bytes and of the loader's own code, so any edit of either misses
and rebuilds. An entry is plain data, tuples of strings and numbers written with `marshal`, which
loading cannot execute; records are rebuilt through their constructors from their fields' types.
It is written whole or not at all (temporary file, then rename), and one that cannot be read, that
has another shape, or that another user could have written, is ignored: the cache only ever saves
time, it never changes an answer or an error.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import marshal
import os
import sys
import typing
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from liaoning_tui.atomic import write_atomically
from liaoning_tui.facts.load import loads, read_bytes
from liaoning_tui.facts.model import (
    Entity,
    FactBase,
    Figure,
    Link,
    Point,
    Provenance,
    Series,
    Source,
    Statement,
)

FORMAT = 2
"""Bump when the layout of an entry changes."""
KEEP = 8
"""How many entries stay after a write; the least recently used go first."""
MAGIC = b"liaoning-tui facts cache\n"
_RECORDS = (Source, Figure, Point, Series, Link, Statement, Provenance, Entity, FactBase)
_PLAIN = (str, int, float, type(None))


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
        facts = _decoder(FactBase)(marshal.loads(payload))
        if not isinstance(facts, FactBase):
            return None
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
    except (OSError, ValueError, RecursionError):
        return


def _prune(directory: Path) -> None:
    entries = sorted(
        directory.glob("*.entry"), key=lambda entry: entry.stat().st_mtime_ns, reverse=True
    )
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _dumps(facts: FactBase) -> bytes:
    """`facts` as nested tuples of plain values; equal strings are written once."""
    shared: dict[str, str] = {}

    def plain(value: Any) -> Any:
        if type(value) is str:
            return shared.setdefault(value, value)
        if dataclasses.is_dataclass(value):
            return tuple(plain(getattr(value, name)) for name in _fields(value.__class__))
        if isinstance(value, tuple):
            return tuple(map(plain, value))
        if isinstance(value, Mapping):
            return tuple(map(plain, value.values()))
        if isinstance(value, _PLAIN):
            return value
        raise ValueError(f"cannot cache a {type(value).__name__}")

    return marshal.dumps(plain(facts))


@cache
def _fields(record: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(record) if field.init)


@cache
def _decoder(record: type) -> Callable[[Any], Any]:
    """Rebuilds `record` from its plain tuple, checking every value's shape against its type."""
    hints = typing.get_type_hints(record)
    converters = [_converter(hints[name]) for name in _fields(record)]
    count = len(converters)

    def decode(values: Any) -> Any:
        if type(values) is not tuple or len(values) != count:
            raise ValueError(f"not a {record.__name__}")
        return record(*[convert(value) for convert, value in zip(converters, values, strict=True)])

    return decode


def _converter(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if hint in _RECORDS:
        return _decoder(hint)
    if origin is tuple:
        item = _converter(arguments[0])
        return lambda values: tuple(map(item, _tuple(values)))
    if origin is Mapping:
        item = _converter(arguments[1])
        return lambda values: {record.id: record for record in map(item, _tuple(values))}
    allowed = tuple(arguments) if arguments else (hint,)
    if float in allowed:
        allowed = (*allowed, int)

    def check(value: Any) -> Any:
        if not isinstance(value, allowed) or isinstance(value, bool):
            raise ValueError(f"expected {hint}, found {type(value).__name__}")
        return value

    return check


def _tuple(values: Any) -> tuple[Any, ...]:
    if type(values) is not tuple:
        raise ValueError("expected a tuple")
    return values
