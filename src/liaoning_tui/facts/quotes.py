"""Which quotes of the fact base name an entity, found through a word index built once."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cached_property
from itertools import islice

from liaoning_tui.facts.model import Entity, FactBase

_WORD = re.compile(r"[a-z0-9]+")
MIN_NAME = 3
"""Names shorter than this (initials, "BA") would match inside too many unrelated words."""


class QuoteIndex:
    """Every distinct quote once, and for each ASCII word the quotes that contain it."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts

    @cached_property
    def quotes(self) -> list[str]:
        found: dict[str, None] = {}
        for entity in self.facts.entities.values():
            found.update((figure.quote, None) for figure in entity.figures)
            found.update((statement.quote, None) for statement in entity.statements)
            found.update((link.quote, None) for link in entity.links if link.quote)
        return list(found)

    @cached_property
    def lowered(self) -> list[str]:
        return [quote.lower() for quote in self.quotes]

    @cached_property
    def by_word(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for number, quote in enumerate(self.lowered):
            for word in set(_WORD.findall(quote)):
                index.setdefault(word, []).append(number)
        return index

    @cached_property
    def vocabulary(self) -> list[str]:
        return sorted(self.by_word)

    def starting_with(self, prefix: str) -> set[int]:
        """Quotes with a word that starts with `prefix` ("bmw" finds "BMWs")."""
        found: set[int] = set()
        start = bisect_left(self.vocabulary, prefix)
        for word in islice(self.vocabulary, start, None):
            if not word.startswith(prefix):
                break
            found.update(self.by_word[word])
        return found

    def _fewest(self, words: list[str]) -> set[int]:
        """The candidates of the rarest word of a name: every quote with the name is among them."""
        by_size = sorted((self.starting_with(word) for word in words), key=len)
        return by_size[0]

    def mentioning(self, entity: Entity) -> list[str]:
        """Quotes that contain the entity's name or one of its aliases, in fact-base order."""
        names = [name.lower() for name in (entity.name, *entity.aliases) if len(name) >= MIN_NAME]
        found: set[int] = set()
        for name in names:
            words = _WORD.findall(name)
            candidates: Iterable[int] = range(len(self.quotes))
            if name.isascii() and words:
                candidates = self._fewest(words)
            found.update(number for number in candidates if name in self.lowered[number])
        return [self.quotes[number] for number in sorted(found)]
