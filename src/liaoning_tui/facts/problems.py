"""What can be wrong with a fact base, said with the place it is wrong at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """`("entities", 3, "figures", 0, "value")` -> `entities[3].figures[0].value`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a fact base file."""

    file: str
    """The file as the user named it."""
    message: str
    """What is wrong, in a sentence without a trailing full stop."""
    line: int = 0
    """Line of the offending key or value, from 1; 0 when the problem is the whole file."""
    column: int = 0
    """Column, from 1; 0 with line 0."""
    path: str = ""
    """Key path of the offending key or value (`entities[3].figures[0].value`)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class FactBaseError(Exception):
    """A fact base could not be loaded; `problems` says every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (both from 1) of the byte at `offset` in `data`."""
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def toml_problem(file: str, error: Exception) -> Problem:
    """A TOML syntax error (tomli's TOMLDecodeError) as a placed problem."""
    message = getattr(error, "msg", str(error))
    line = getattr(error, "lineno", 0) or 0
    column = getattr(error, "colno", 0) or 0
    return Problem(file, f"invalid TOML: {message}", line, column)
