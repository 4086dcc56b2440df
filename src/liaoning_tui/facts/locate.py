"""Where each key and value of a TOML document stands, so problems can name a line and column.

tomli parses; it keeps no positions. This walks the same text once more, assuming it is valid TOML
(tomli has said so), and records the position of every key and value by its path, with arrays of
tables indexed as tomli numbers them. The walk goes only as far as the positions asked for: a
valid file is never walked, and a large file with a problem near its start is walked that far.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

Path = tuple[str | int, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_DEEPEST = 100
"""Arrays and inline tables nested deeper than this are passed over whole: the stack stays short."""


@dataclass
class Positions:
    """Line and column (both from 1) of keys and values, by path."""

    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    walk: Iterator[None] | None = field(default=None, repr=False, compare=False)
    """The rest of the walk, advanced until a position asked for is known."""

    def of_key(self, path: Path) -> tuple[int, int]:
        """Where the key at `path` stands, or its nearest known ancestor."""
        self._reach(path)
        return self._nearest(self.keys, path)

    def of_value(self, path: Path) -> tuple[int, int]:
        """Where the value at `path` starts, or its nearest known ancestor."""
        self._reach(path)
        return self._nearest(self.values, path)

    def _reach(self, path: Path) -> None:
        while self.walk is not None and path not in self.keys and path not in self.values:
            if next(self.walk, True):
                self.walk = None

    def _nearest(self, table: dict[Path, tuple[int, int]], path: Path) -> tuple[int, int]:
        for end in range(len(path), 0, -1):
            prefix = path[:end]
            for known in (table, self.keys, self.values):
                if prefix in known:
                    return known[prefix]
        return (1, 1)


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line_starts = [0, *(found.end() for found in re.finditer("\n", text))]
        self.found = Positions()
        self.array_counts: dict[Path, int] = {}

    def where(self, pos: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, pos)
        return line, pos - self.line_starts[line - 1] + 1

    def peek(self, count: int = 1) -> str:
        return self.text[self.pos : self.pos + count]

    def skip_blank(self, newlines: bool) -> None:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in " \t\r" or (newlines and char == "\n"):
                self.pos += 1
            elif char == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return

    def walk(self) -> Iterator[None]:
        """Record one statement (a table header or a key-value pair) a step."""
        table: Path = ()
        while True:
            yield None
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            if self.peek(2) == "[[":
                start = self.pos
                self.pos += 2
                keys = self.key()
                self.pos = self.text.index("]]", self.pos) + 2
                array = (*self.resolve(keys[:-1]), keys[-1])
                index = self.array_counts.get(array, 0)
                self.array_counts[array] = index + 1
                table = (*array, index)
                self.found.keys.setdefault(array, self.where(start))
                self.found.keys[table] = self.found.values[table] = self.where(start)
            elif self.peek() == "[":
                start = self.pos
                self.pos += 1
                table = self.resolve(self.key())
                self.pos = self.text.index("]", self.pos) + 1
                self.found.keys[table] = self.found.values[table] = self.where(start)
            else:
                self.pair(table)

    def resolve(self, keys: Path) -> Path:
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.array_counts:
                path = (*path, self.array_counts[path] - 1)
        return path

    def key(self) -> Path:
        parts: list[str | int] = []
        while True:
            self.skip_blank(newlines=False)
            char = self.peek()
            if char in "\"'":
                parts.append(self.string())
            else:
                start = self.pos
                while self.pos < len(self.text) and self.text[self.pos] in _BARE:
                    self.pos += 1
                parts.append(self.text[start : self.pos])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.pos += 1

    def pair(self, table: Path) -> None:
        self.skip_blank(newlines=False)
        key_at = self.where(self.pos)
        path = (*table, *self.key())
        self.found.keys[path] = key_at
        self.skip_blank(newlines=False)
        self.pos += 1
        self.value(path)

    def value(self, path: Path) -> None:
        self.skip_blank(newlines=False)
        self.found.values[path] = self.where(self.pos)
        char = self.peek()
        if char in "\"'":
            self.string()
        elif char in "[{" and len(path) > _DEEPEST:
            self.skip_nested()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            text = self.text
            while self.pos < len(text) and text[self.pos] not in ",]}\n#\r":
                self.pos += 1

    def skip_nested(self) -> None:
        depth = 0
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in "\"'":
                self.string()
                continue
            if char == "#":
                self.skip_blank(newlines=False)
                continue
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    self.pos += 1
                    return
            self.pos += 1

    def array(self, path: Path) -> None:
        self.pos += 1
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.pos += 1
                return
            if self.peek() == ",":
                self.pos += 1
                continue
            self.value((*path, index))
            index += 1

    def inline_table(self, path: Path) -> None:
        self.pos += 1
        while True:
            self.skip_blank(newlines=False)
            if self.peek() == "}":
                self.pos += 1
                return
            if self.peek() == ",":
                self.pos += 1
                continue
            self.pair(path)

    def string(self) -> str:
        text = self.text
        for quote in ('"""', "'''"):
            if text.startswith(quote, self.pos):
                start = self.pos + 3
                end = start
                while True:
                    end = text.index(quote, end)
                    if quote == '"""' and _escaped(text, end):
                        end += 1
                        continue
                    break
                while text.startswith(quote[0], end + 3):
                    end += 1
                self.pos = end + 3
                return text[start:end]
        quote = text[self.pos]
        start = self.pos + 1
        end = start
        while True:
            end = text.index(quote, end)
            if quote == '"' and _escaped(text, end):
                end += 1
                continue
            break
        self.pos = end + 1
        return _unescape(text[start:end]) if quote == '"' else text[start:end]


def _escaped(text: str, pos: int) -> bool:
    backslashes = 0
    while pos - backslashes - 1 >= 0 and text[pos - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    import tomli

    parsed: dict[str, str] = tomli.loads(f'k = "{raw}"')
    return parsed["k"]


def locate(text: str) -> Positions:
    """Positions of every key and value in `text`, which must be valid TOML, found when asked."""
    walker = _Walker(text)
    walker.found.walk = walker.walk()
    return walker.found
