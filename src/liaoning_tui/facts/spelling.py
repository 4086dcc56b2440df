"""How a reader spells a name, and how search folds what is typed: Chinese in traditional
characters or in pinyin, Latin with or without accents.

The converters load dictionaries (pypinyin takes about a quarter of a second), so they are imported
on first use, which is when a search index is built, never at start-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
"""Runs of Han characters, the only script these conversions touch."""
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
"""Runs of Chinese, Japanese and Korean characters, which search cuts into characters and pairs."""
_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f]")
_ACCENTED = re.compile(r"[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")
"""Latin letters that may carry a diacritic, and the combining marks themselves."""
_NOT_LETTERS = re.compile(r"[^a-z]")


class _Simplified(dict[int, str]):
    """A `str.translate` table filled one character at a time, as characters are first met.

    Character by character rather than by OpenCC's phrases: the index and the query are folded
    alike, and a phrase walk per text tripled the time to index a base of 10,000 companies.
    """

    def __init__(self, convert: Callable[[str], str]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, code: int) -> str:
        value = self[code] = self.convert(chr(code))
        return value


@cache
def _simplified() -> _Simplified:
    from opencc import OpenCC

    return _Simplified(OpenCC("t2s").convert)


def simplified(text: str) -> str:
    """Han characters in simplified form (遼寧 -> 辽宁); other text is left as it is."""
    if not HAN.search(text):
        return text
    return text.translate(_simplified())


@cache
def _word_pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


def pinyin(text: str) -> str:
    """The toneless pinyin of the Han characters of simplified `text`, run together (新松 ->
    xinsong).

    Words are read through pypinyin's own segmentation, so a polyphonic character takes the
    reading of its word, and each word is converted once: names share most of their words.
    """
    from pypinyin.seg.simpleseg import seg

    return "".join(_word_pinyin(word) for run in HAN.findall(text) for word in seg(run))


def unaccented(text: str) -> str:
    """Text without Latin diacritics, so `Dàlián` and `shěnyáng` read as `Dalian`, `shenyang`."""
    if text.isascii() or not _ACCENTED.search(text):
        return text
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", text)))


def as_pinyin_query(folded: str) -> str:
    """A folded query as pinyin is compared: letters only, no tones, no spaces (`da lian`)."""
    return _NOT_LETTERS.sub("", unaccented(folded))


def fold(text: str) -> str:
    """Text as search compares it: compatibility-normalised, case-folded, spaces collapsed, Latin
    accents dropped, Han characters simplified."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return simplified(unaccented(folded))


def tokens(folded: str) -> set[str]:
    """Words of folded text; runs of CJK characters give their characters and bigrams."""
    if not CJK.search(folded):
        return set(_WORD.findall(folded))
    found: set[str] = set()
    for word in _WORD.findall(folded):
        last = 0
        for run in CJK.finditer(word):
            if run.start() > last:
                found.add(word[last : run.start()])
            text = run.group()
            found.update(text)
            found.update(text[index : index + 2] for index in range(len(text) - 1))
            last = run.end()
        if last < len(word):
            found.add(word[last:])
    return found
