"""A checker that collects placed problems: the typed-table walk behind the fact base's check.

A problem is placed at its key or value by line and column in the TOML text (walked only once a
problem needs it), and checking stops at `MAX_PROBLEMS`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from liaoning_tui.facts.locate import Positions, locate
from liaoning_tui.facts.periods import PeriodError
from liaoning_tui.facts.problems import Path, Problem, format_path
from liaoning_tui.facts.schema import TYPE_NAMES, Field, fits, type_of

MAX_PROBLEMS = 1000
"""Checking stops at this many problems: plenty to fix first, and a broken big file answers fast."""
SUGGESTION_BUDGET = 200_000
"""Comparisons spent guessing "did you mean" for unknown ids before giving up on guesses."""


def suggest(word: str, choices: Any) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Guesses:
    """`suggest` among many ids, once per word and within a budget of comparisons.

    Every dangling reference compared with every id is quadratic: when a rename breaks the links
    of a base of thousands of entities, that is minutes of difflib. Past the budget, the problems
    still come, without a guess.
    """

    def __init__(self, choices: Sequence[str] | Mapping[str, Any]) -> None:
        self.choices = list(choices)
        self.left = SUGGESTION_BUDGET
        self.known: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        if word not in self.known:
            self.left -= len(self.choices)
            self.known[word] = suggest(word, self.choices) if self.left >= 0 else ""
        return self.known[word]


class TooMany(Exception):
    """Checking stopped at MAX_PROBLEMS; `problems` holds those found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(len(problems))
        self.problems = problems


@dataclass
class Checker:
    file: str
    document: str | None
    """The TOML text checked, to place problems by line; None for data with no lines (JSON)."""
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def positions(self) -> Positions:
        """Where every key and value stands: walked only once a problem needs a line."""
        return locate(self.document or "")

    def place(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the key or value at `path`; (0, 0) where the data has no lines."""
        if self.document is None:
            return 0, 0
        return self.positions.of_key(path) if key else self.positions.of_value(path)

    def at_key(self, path: Path, message: str) -> None:
        line, column = self.place(path, key=True)
        self.add(Problem(self.file, message, line, column, format_path(path)))

    def at_value(self, path: Path, message: str) -> None:
        line, column = self.place(path)
        self.add(Problem(self.file, message, line, column, format_path(path)))

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooMany(self.problems)

    def table(
        self, raw: Mapping[str, Any], path: Path, spec: Mapping[str, Field]
    ) -> dict[str, Any]:
        """The keys of `raw` that fit `spec`; a problem for each one that does not."""
        good: dict[str, Any] = {}
        for key, value in raw.items():
            here = (*path, key)
            wanted = spec.get(key)
            if wanted is None:
                self.at_key(here, f"unknown key {key!r}{suggest(key, spec)}")
            elif not fits(wanted.kind, value):
                self.at_value(here, f"expected {TYPE_NAMES[wanted.kind]}, found {type_of(value)}")
            elif wanted.kind == "number" and not math.isfinite(value):
                self.at_value(here, f"{key} must be a finite number, found {value}")
            else:
                good[key] = float(value) if wanted.kind == "number" else value
        for key, wanted in spec.items():
            if wanted.required and key not in raw:
                self.at_key(path, f"missing required key {key!r}")
        return good

    def choice(self, value: str, path: Path, allowed: Any, what: str) -> bool:
        if value in allowed:
            return True
        listing = ", ".join(repr(item) for item in allowed if item)
        self.at_value(path, f"unknown {what} {value!r}{suggest(value, allowed)} (one of {listing})")
        return False

    def text(self, value: str, path: Path) -> None:
        if not value.strip():
            self.at_value(path, "must not be empty")

    def period(self, value: str, path: Path, parse: Callable[[str], object]) -> None:
        try:
            parse(value)
        except PeriodError as error:
            self.at_value(path, str(error))
