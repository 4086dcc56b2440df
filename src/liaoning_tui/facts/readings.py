"""The ways a reader writes a Chinese name: in traditional characters, or in pinyin.

The converters load dictionaries (pypinyin takes about a quarter of a second), so they are imported
on first use, which is when a search index is built, never at start-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
"""Runs of Han characters, the only script these readings convert."""
_MARKS = re.compile(r"[\u0300-\u036f]")
_NOT_LETTERS = re.compile(r"[^a-z]")


@cache
def _to_simplified() -> Callable[[str], str]:
    from opencc import OpenCC

    convert: Callable[[str], str] = OpenCC("t2s").convert
    return convert


def simplified(text: str) -> str:
    """Han characters in simplified form (遼寧 -> 辽宁); other text is left as it is."""
    if not CJK.search(text):
        return text
    return _to_simplified()(text)


def pinyin(text: str) -> str:
    """The toneless pinyin of the Han characters of `text`, run together (新松 -> xinsong)."""
    from pypinyin import lazy_pinyin

    runs = CJK.findall(simplified(text))
    return "".join("".join(lazy_pinyin(run)) for run in runs)


def unaccented(text: str) -> str:
    """Text without Latin diacritics, so `Dàlián` and `shěnyáng` read as `Dalian`, `shenyang`."""
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", text)))


def as_pinyin_query(folded: str) -> str:
    """A folded query as pinyin is compared: letters only, no tones, no spaces (`da lian`)."""
    return _NOT_LETTERS.sub("", unaccented(folded))
