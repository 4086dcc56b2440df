"""Reading the fact base again, on demand or when its file changes, keeping the last good one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from liaoning_tui.facts import FactBase, FactBaseError
from liaoning_tui.facts.cache import load_cached

SHOWN_PROBLEMS = 5
"""A notice shows this many problems; `liaoning-tui check` shows them all."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a file looks like from outside: enough to notice an edit or a replacement."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> Stamp | None:
        try:
            found = path.stat()
        except OSError:
            return None
        return cls(found.st_mtime_ns, found.st_size, found.st_ino)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A reload's result: a new fact base, or the words for why the old one stays."""

    facts: FactBase | None
    message: str


def reload(path: Path) -> Outcome:
    """Load `path` again; on any problem say what is wrong and keep nothing.

    It goes through the parse cache as start-up does: a file put back as it was comes back at
    once, and an edit that loads is cached for the next start.
    """
    if path.exists() and not path.is_file() and not path.is_dir():
        return Outcome(
            None,
            f"Kept the last good fact base: {path} is not a regular file "
            "(a pipe, a socket or a device), so it cannot be read again.",
        )
    try:
        facts = load_cached(path)
    except FactBaseError as error:
        problems = [str(problem) for problem in error.problems]
        shown = "\n".join(problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        if more > 0:
            shown += f"\n…and {more} more (liaoning-tui check {path})"
        return Outcome(None, f"Kept the last good fact base: {path} has problems.\n{shown}")
    return Outcome(facts, f"Reloaded {path}.")
