"""Ranked fuzzy search over names, aliases, ids, figure metrics, summaries and quotes.

The app's search box and `liaoning-tui search` share this ranking. Exact and prefix matches of a
name, Chinese name, alias or id come first (90..100); then fuzzy matches of those and of metrics
(up to 85); then summaries, statements and quotes (up to 60).

Scoring every string of a large base for every keystroke is too slow, so the index is built once:
each distinct (field, text) is a choice, and a token index (words, and character unigrams and
bigrams of Chinese, Japanese and Korean text) maps tokens to choices. A query's tokens are matched
against the vocabulary exactly, by prefix and fuzzily; only the choices they reach are scored with
rapidfuzz's WRatio.

Readers write Chinese more than one way: text is folded to simplified characters before it is
compared, and every Chinese name and alias is also indexed by its toneless pinyin, which a query
matches with or without tones and spaces (`xinsong`, `Shěnyáng`, `da lian`). A query word found only
inside another word ("port" in "export") scores lower than one that starts a word.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

from rapidfuzz import fuzz, process

from liaoning_tui.facts.model import Entity, FactBase
from liaoning_tui.facts.spelling import CJK as _CJK
from liaoning_tui.facts.spelling import as_pinyin_query, fold, pinyin, tokens

FIELDS: tuple[str, ...] = ("name", "name_zh", "alias", "id", "metric", "summary", "quote")
"""Every field a hit can be in, best first: ties between fields of one entity go to the first."""

FIELD_LABELS = {field: field for field in FIELDS} | {"name_zh": "Chinese name"}
"""How each field is named to a reader."""

NAME_FIELDS = frozenset({"name", "name_zh", "alias", "id"})
"""The fields that name an entity, as opposed to its metrics and texts."""
_TEXTS = frozenset({"summary", "quote"})
_RANK = {field: rank for rank, field in enumerate(FIELDS)}

_FUZZY_WEIGHT = 0.85
_TEXT_WEIGHT = 0.6
_SCORE_CUTOFF = 55.0
_TOKEN_CUTOFF = 75.0
_FUZZY_TOKENS = 25
_PREFIX_TOKENS = 400
_INSIDE_WORD_WEIGHT = 0.6
_PINYIN_EXACT = 97.0
_PINYIN_PREFIX = 85.0
_MAX_CANDIDATES = 2000
"""A query of very common words scores only this many choices: names before texts, in file order."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: an entity, or one figure of it."""

    entity_id: str
    """Id of the entity found."""
    score: float
    """How well it matches, 0..100; higher is better."""
    field: str
    """Where it matched: one of FIELDS."""
    text: str
    """The matched text as the fact base writes it, for display."""
    figure: int | None
    """Index into `entity.figures` when the hit is a figure's metric, else None."""
    count: int = 1
    """How many entities hold this quote: a quote shared by several is listed once."""


@dataclass(frozen=True, slots=True)
class _Target:
    order: int
    entity_id: str
    figure: int | None
    text: str


class _Ranked(NamedTuple):
    """Sorts best first: higher score, then file order, a figure before its entity, then field."""

    negative_score: float
    order: int
    entity_level: bool
    figure: int
    field: int
    text: str


@dataclass(frozen=True, slots=True)
class _Choice:
    key: str
    field: str
    targets: tuple[_Target, ...]


def _fields(entity: Entity) -> Iterator[tuple[str, str, int | None]]:
    yield "name", entity.name, None
    if entity.name_zh:
        yield "name_zh", entity.name_zh, None
    for alias in entity.aliases:
        yield "alias", alias, None
    yield "id", entity.id, None
    for index, figure in enumerate(entity.figures):
        yield "metric", figure.metric, index
    for series in entity.series:
        yield "metric", series.metric, None
    if entity.summary:
        yield "summary", entity.summary, None
    for statement in entity.statements:
        yield "summary", statement.text, None
        yield "quote", statement.quote, None
    for figure in entity.figures:
        yield "quote", figure.quote, None
    for series in entity.series:
        for point in series.points:
            if point.quote:
                yield "quote", point.quote, None
    for link in entity.links:
        if link.quote:
            yield "quote", link.quote, None


_built: tuple[FactBase, SearchIndex] | None = None


def index_for(facts: FactBase) -> SearchIndex:
    """The index of `facts`, built once per fact base in this process and then kept until
    another base's is asked for. The SSH server's fork server asks before it forks, so every
    explorer it forks shares that one index (tens of MiB) instead of building its own."""
    global _built
    built = _built
    if built is not None and built[0] is facts:
        return built[1]
    index = SearchIndex(facts)
    _built = (facts, index)
    return index


class SearchIndex:
    """A fact base prepared for search; build it once and query it many times."""

    def __init__(self, facts: FactBase) -> None:
        grouped: dict[tuple[str, str], dict[tuple[str, int | None], _Target]] = {}
        for order, entity in enumerate(facts.entities.values()):
            for field, text, figure in _fields(entity):
                key = fold(text)
                if key:
                    targets = grouped.setdefault((field, key), {})
                    targets.setdefault((entity.id, figure), _Target(order, entity.id, figure, text))
        ordered = sorted(grouped.items(), key=lambda item: _RANK[item[0][0]])
        self._choices = [
            _Choice(key, field, tuple(targets.values())) for (field, key), targets in ordered
        ]
        postings: dict[str, list[int]] = {}
        for index, choice in enumerate(self._choices):
            for token in tokens(choice.key):
                postings.setdefault(token, []).append(index)
        self._postings = postings
        self._vocabulary = sorted(token for token in postings if not _CJK.search(token))
        self._holders: dict[str, int] = {}
        for choice in self._choices:
            if choice.field == "quote":
                holders = len({target.entity_id for target in choice.targets})
                self._holders.update((target.text, holders) for target in choice.targets)
        self._pinyin = sorted(
            (spelled, index)
            for index, choice in enumerate(self._choices)
            if choice.field in NAME_FIELDS and _CJK.search(choice.key)
            for spelled in (pinyin(choice.key),)
            if spelled
        )

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The best hits for `query`, one per (entity, figure), best first; ties in file order.

        Hits on one quote shared by several entities come once, with `count` saying how many."""
        folded = fold(query)
        if not folded or limit <= 0:
            return []
        best: dict[tuple[str, int | None], _Ranked] = {}
        for index, score in self._scored(folded):
            choice = self._choices[index]
            for target in choice.targets:
                ranked = _Ranked(
                    -score,
                    target.order,
                    target.figure is None,
                    target.figure or 0,
                    _RANK[choice.field],
                    target.text,
                )
                key = (target.entity_id, target.figure)
                if key not in best or ranked < best[key]:
                    best[key] = ranked
        _drop_echoes(best)
        return _collapsed(sorted(best.items(), key=lambda item: item[1]), limit, self._holders)

    def _scored(self, folded: str) -> Iterator[tuple[int, float]]:
        candidates = self._candidates(folded)
        texts = [self._choices[index].key for index in candidates]
        for _, raw, position in process.extract(
            folded,
            texts,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=_SCORE_CUTOFF,
            limit=None,
        ):
            index = candidates[position]
            yield index, _weigh(folded, self._choices[index], raw)
        spelled = as_pinyin_query(folded)
        if len(spelled) < 2 or _CJK.search(folded):
            return
        start = bisect.bisect_left(self._pinyin, (spelled, -1))
        for key, index in self._pinyin[start : start + _PREFIX_TOKENS]:
            if not key.startswith(spelled):
                break
            if key == spelled:
                yield index, _PINYIN_EXACT
            else:
                yield index, _PINYIN_PREFIX + 10.0 * len(spelled) / len(key)

    def _candidates(self, folded: str) -> list[int]:
        found: set[int] = set()
        for token in tokens(folded):
            if _CJK.search(token):
                if len(token) > 1 or len(folded) == 1:
                    found.update(self._postings.get(token, ()))
                continue
            for word in self._similar(token):
                found.update(self._postings[word])
        return sorted(found)[:_MAX_CANDIDATES]

    def _similar(self, token: str) -> set[str]:
        words = {token} if token in self._postings else set()
        start = bisect.bisect_left(self._vocabulary, token)
        for word in self._vocabulary[start : start + _PREFIX_TOKENS]:
            if not word.startswith(token):
                break
            words.add(word)
        if len(token) >= 3:
            words.update(
                word
                for word, _, _ in process.extract(
                    token,
                    self._vocabulary,
                    scorer=fuzz.ratio,
                    processor=None,
                    score_cutoff=_TOKEN_CUTOFF,
                    limit=_FUZZY_TOKENS,
                )
            )
        return words


def _drop_echoes(best: dict[tuple[str, int | None], _Ranked]) -> None:
    """Drop an entity's own hit where one of its figures was found as well or better, and the
    entity matched only by text (a series of the same metric, a quote): it would list the entity
    twice for one thing. A match of its name, alias or id stays."""
    figures: dict[str, float] = {}
    for (entity_id, figure), ranked in best.items():
        if figure is not None:
            figures[entity_id] = min(figures.get(entity_id, 0.0), ranked.negative_score)
    for key in [key for key in best if key[1] is None and key[0] in figures]:
        ranked = best[key]
        if FIELDS[ranked.field] not in NAME_FIELDS and figures[key[0]] <= ranked.negative_score:
            del best[key]


def _collapsed(
    ranked: list[tuple[tuple[str, int | None], _Ranked]], limit: int, holders: dict[str, int]
) -> list[Hit]:
    """The first `limit` hits, each quote once, counting the entities that hold it."""
    hits: list[Hit] = []
    quotes: set[str] = set()
    for (entity_id, figure), rank in ranked:
        field = FIELDS[rank.field]
        if field == "quote":
            if rank.text in quotes:
                continue
            quotes.add(rank.text)
        hits.append(Hit(entity_id, -rank.negative_score, field, rank.text, figure))
        if field == "quote":
            hits[-1] = replace(hits[-1], count=holders.get(rank.text, 1))
        if len(hits) == limit:
            break
    return hits


def _inside_words(query: str, key: str) -> bool:
    """Whether some word of the query is in `key` only inside longer words ("port" in "export")."""
    for word in query.split():
        if word in key and not re.search(r"(?<![^\W_])" + re.escape(word), key):
            return True
    return False


def _weigh(query: str, choice: _Choice, raw: float) -> float:
    if choice.field in NAME_FIELDS:
        if choice.key == query:
            return 100.0
        if choice.key.startswith(query):
            return 90.0 + 9.0 * len(query) / len(choice.key)
    weight = _TEXT_WEIGHT if choice.field in _TEXTS else _FUZZY_WEIGHT
    if _inside_words(query, choice.key):
        weight *= _INSIDE_WORD_WEIGHT
    return raw * weight
