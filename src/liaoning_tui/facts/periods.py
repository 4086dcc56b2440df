"""Periods and dates as the fact base writes them.

A date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A period is a date, a half `YYYY-H1`, a quarter
`YYYY-Q3`, or a range `A..B` of two of those; either end of a range may be left open (`..2023-08`
reads "up to August 2023").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PART = re.compile(r"(\d{4})-([HQ])([1-4])")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

PERIOD_HELP = "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1, YYYY-Q1, or a range A..B of those"
DATE_HELP = "expected YYYY, YYYY-MM or YYYY-MM-DD"


class PeriodError(ValueError):
    """A period or date that does not follow the syntax, or names no real day."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """The first and last day a period covers, as (year, month, day) tuples."""

    first: tuple[int, int, int]
    last: tuple[int, int, int]


def parse_date(text: str) -> Span:
    """The days a date covers (a year covers all of it)."""
    match = _DATE.fullmatch(text)
    if not match:
        raise PeriodError(f"malformed date {text!r}: {DATE_HELP}")
    year = int(match[1])
    if match[2] is None:
        return Span((year, 1, 1), (year, 12, 31))
    month = int(match[2])
    if not 1 <= month <= 12:
        raise PeriodError(f"malformed date {text!r}: month {month} does not exist")
    days = calendar.monthrange(year, month)[1]
    if match[3] is None:
        return Span((year, month, 1), (year, month, days))
    day = int(match[3])
    if not 1 <= day <= days:
        raise PeriodError(f"malformed date {text!r}: {year}-{month:02d} has no day {day}")
    return Span((year, month, day), (year, month, day))


def _parse_point(text: str) -> Span:
    match = _PART.fullmatch(text)
    if not match:
        return parse_date(text)
    year, part, number = int(match[1]), match[2], int(match[3])
    if part == "H" and number > 2:
        raise PeriodError(f"malformed period {text!r}: a year has two halves")
    months = 6 if part == "H" else 3
    first = (number - 1) * months + 1
    last = first + months - 1
    return Span((year, first, 1), (year, last, calendar.monthrange(year, last)[1]))


def parse_period(text: str) -> Span:
    """The days a period covers; an open end of a range is the far past or future."""
    try:
        if ".." not in text:
            return _parse_point(text)
        start, _, end = text.partition("..")
        if not start and not end:
            raise PeriodError(f"malformed period {text!r}: a range needs at least one end")
        first = _parse_point(start).first if start else (1, 1, 1)
        last = _parse_point(end).last if end else (9999, 12, 31)
    except PeriodError as error:
        if str(error).startswith("malformed date"):
            raise PeriodError(f"malformed period {text!r}: {PERIOD_HELP}") from None
        raise
    if first > last:
        raise PeriodError(f"malformed period {text!r}: it ends before it starts")
    return Span(first, last)


def _describe_point(text: str) -> str:
    match = _PART.fullmatch(text)
    if match:
        return f"{match[2]}{match[3]} {match[1]}"
    date = _DATE.fullmatch(text)
    if not date:
        return text
    if date[2] is None:
        return date[1]
    month = _MONTHS[int(date[2]) - 1]
    if date[3] is None:
        return f"{month} {date[1]}"
    return f"{int(date[3])} {month} {date[1]}"


def describe_period(text: str) -> str:
    """A period for reading: `2023-01..2023-07` -> `Jan–Jul 2023`, `2023-H1` -> `H1 2023`."""
    if not text:
        return "—"
    if ".." not in text:
        return _describe_point(text)
    start, _, end = text.partition("..")
    if not start:
        return f"to {_describe_point(end)}"
    if not end:
        return f"since {_describe_point(start)}"
    left, right = _describe_point(start), _describe_point(end)
    left_words, right_words = left.split(), right.split()
    if len(left_words) == 2 and len(right_words) == 2 and left_words[1] == right_words[1]:
        return f"{left_words[0]}–{right}"
    return f"{left}–{right}"
