"""TOML -> FactBase, checking everything and reporting every problem with its line and column."""

from __future__ import annotations

import re
from pathlib import Path as FilePath

from liaoning_tui.facts.model import FactBase
from liaoning_tui.facts.problems import FactBaseError, Problem, byte_position, toml_problem

MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused before parsing: no fact base of this product comes near it."""
MAX_ITEMS = 5_000_000
"""Files with more keys, tables and array items than this are refused before parsing.

Counted from the text (every `=`, `[`, `{` and `,`), so it is quick and errs on the high side. The
default base has about 3,400; 100,000 synthetic companies (63 MB) about 4.2 million.
"""
MAX_BRACKETS = 1_000_000
"""Files with more `[` than this are refused before parsing: tables cost tomli most (7 us and
900 bytes each), so a file of a million tiny tables is refused instead of taking a minute."""


_NESTING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}.\n]')
_KEY_PARTS = 900
_BRACKETS = 400


def _deepest(text: str) -> tuple[int, int]:
    """Where nesting goes too deep: a key of too many parts, or brackets nested past tomli's limit.

    tomli says only that nesting went too deep, not where; strings and comments are skipped so
    that brackets and dots in them do not count.
    """
    depth = deepest = dots = 0
    line, line_start = 1, 0
    found = (1, 1)
    for token in _NESTING.finditer(text):
        char = token.group()
        if char == "\n":
            line, line_start, dots = line + 1, token.end(), 0
        elif char == ".":
            dots += 1
            if dots == _KEY_PARTS:
                return line, token.start() - line_start + 1
        elif char in "[{":
            depth += 1
            if depth > _BRACKETS:
                return line, token.start() - line_start + 1
            if depth > deepest:
                deepest, found = depth, (line, token.start() - line_start + 1)
        elif char in "]}":
            depth = max(0, depth - 1)
    return found


def _decode_problem(file: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    line, column = byte_position(data, error.start)
    byte = data[error.start]
    return Problem(
        file, f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8", line, column
    )


def _too_large(file: str, size: int) -> FactBaseError:
    limit = MAX_BYTES // 2**20
    message = f"is {size / 2**20:.0f} MiB; fact bases over {limit} MiB are refused"
    return FactBaseError([Problem(file, message)])


def loads(data: bytes | str, file: str = "<string>") -> FactBase:
    """Parse and check a fact base; FactBaseError lists every problem found."""
    if len(data) > MAX_BYTES:
        raise _too_large(file, len(data))
    if isinstance(data, bytes):
        if b"\0" in data[:8192]:
            raise FactBaseError([Problem(file, "a binary file, not a TOML fact base")])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise FactBaseError([_decode_problem(file, data, error)]) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FactBaseError(
            [Problem(file, "the file is empty; a fact base needs a title, sources and entities")]
        )
    brackets = text.count("[")
    items = brackets + sum(text.count(mark) for mark in "={,")
    if brackets > MAX_BRACKETS or items > MAX_ITEMS:
        message = (
            f"has about {brackets:,} tables and arrays and {items:,} items in all; "
            f"fact bases over {MAX_BRACKETS:,} or {MAX_ITEMS:,} are refused"
        )
        raise FactBaseError([Problem(file, message)])
    import tomli

    from liaoning_tui.facts.check import build
    from liaoning_tui.facts.checker import MAX_PROBLEMS, TooMany

    try:
        parsed = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise FactBaseError([toml_problem(file, error)]) from None
    except RecursionError:
        line, column = _deepest(text)
        message = "invalid TOML: arrays, inline tables or dotted keys nested too deeply"
        raise FactBaseError([Problem(file, message, line, column)]) from None
    try:
        return build(parsed, file, text)
    except TooMany as stopped:
        ordered = sorted(stopped.problems, key=lambda problem: (problem.line, problem.column))
        message = f"checking stopped after {MAX_PROBLEMS:,} problems; fix these and check again"
        raise FactBaseError([*ordered, Problem(file, message)]) from None


def read_bytes(path: FilePath, name: str | None = None) -> bytes:
    """The file's bytes, or a FactBaseError saying plainly why they cannot be had."""
    shown = name or str(path)
    try:
        if path.is_dir():
            raise FactBaseError([Problem(shown, "is a directory, not a fact base file")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(shown, size)
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _too_large(shown, len(data))
        return data
    except FileNotFoundError:
        raise FactBaseError([Problem(shown, "no such file")]) from None
    except PermissionError:
        raise FactBaseError(
            [Problem(shown, "permission denied: the file cannot be read")]
        ) from None
    except OSError as error:
        raise FactBaseError(
            [Problem(shown, f"cannot be read: {error.strerror or error}")]
        ) from None


def load(path: str | FilePath) -> FactBase:
    """Read and check the fact base at `path`."""
    return loads(read_bytes(FilePath(path), str(path)), str(path))


DEFAULT_NAME = "facts.toml"


def default_path() -> FilePath:
    """The built-in fact base: inside the installed package, or `data/` of a source checkout.

    The package is always a directory (the wheel is never imported from a zip), so its data is
    found from this file without importlib.resources, which costs start-up 3 ms to import.
    """
    package = FilePath(__file__).resolve().parents[1]
    packaged = package / "data" / DEFAULT_NAME
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / DEFAULT_NAME


def load_default() -> FactBase:
    """The built-in fact base."""
    return load(default_path())
