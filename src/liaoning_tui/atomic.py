"""Writing a whole file or nothing: a temporary file beside the target, synced, then renamed.

The one way this product writes a file: exports, cache entries and host keys.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 16


def write_chunks(handle: BinaryIO, data: bytes) -> None:
    """Write `data` to `handle` a chunk at a time."""
    for start in range(0, len(data), CHUNK):
        handle.write(data[start : start + CHUNK])


def _mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _publish(temp: Path, path: Path, overwrite: bool) -> None:
    if overwrite:
        temp.replace(path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(path) from None
        temp.replace(path)
        return
    temp.unlink()


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_atomically(
    path: Path, text: str | bytes, *, overwrite: bool = False, mode: int | None = None
) -> None:
    """Put `text` (UTF-8 when it is a str) at `path`, whole or not at all.

    The text goes to a hidden temporary file in the same directory, is flushed to disk, and only
    then takes the name `path`; any failure or interruption removes the temporary file and
    leaves `path` as it was. Without `overwrite`, an existing `path` raises FileExistsError,
    even one created while the text was being written. The file gets `mode`, or the mode of the
    file it replaces, or the umask's.
    """
    directory = path.parent
    descriptor, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    temp = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write_chunks(handle, text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(_mode(path) if mode is None else mode)
        _publish(temp, path, overwrite)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_directory(directory)
