"""Text from the fact base stays text: markup stays literal, control characters never pass."""

from __future__ import annotations

from liaoning_tui.facts.model import Point, Series
from liaoning_tui.rich_text import plain, series_notes


def test_markup_in_a_name_stays_literal() -> None:
    made = plain("[bold]Siasun[/bold] 新松", "dim")
    assert made.plain == "[bold]Siasun[/bold] 新松"
    assert made.style == "dim"
    assert made.spans == []


def test_escape_sequences_and_bidi_overrides_are_removed() -> None:
    made = plain("Dalian\x1b[31m red\u202e\nport")
    assert made.plain == "Dalian[31m red port"


def test_a_series_reads_scope_then_confidence_a_line_each() -> None:
    series = Series(
        id="gdp",
        metric="GDP",
        unit="yuan",
        points=(Point("2022", 1.0, "s"),),
        confidence="high: official\x07 statistics",
        scope="whole province",
    )
    notes = series_notes(series)
    assert notes.plain == "scope: whole province\nconfidence: high: official statistics"
    assert [notes.plain[span.start : span.end] for span in notes.spans] == [
        "scope: ",
        "confidence: ",
    ]
