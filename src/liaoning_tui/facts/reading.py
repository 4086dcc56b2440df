"""How a figure, a source and a series read: the one decision every view renders.

The detail pane, `liaoning-tui show`, the Markdown export and the clipboard all take their words
from here, so a figure reads the same wherever it is shown. Nothing here knows how it is styled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from liaoning_tui.facts.display import change, clean, direction, figure_value
from liaoning_tui.facts.model import Figure, Series, Source
from liaoning_tui.facts.periods import describe_period

DOUBT_MARK = "⚠"
"""Marks a figure whose published value is in doubt, in every view."""


@dataclass(frozen=True, slots=True)
class FigureReading:
    """A figure's parts as words, each safe to show (control characters removed)."""

    metric: str
    value: str
    """The value with its scale and unit, or its published words ("one-seventh")."""
    qualifier: str
    """How the source hedges it ("over", "about"); empty when it does not."""
    period: str
    """The period in words ("Jan–Jul 2023"); empty when the source gives none."""
    change: str
    """Year-on-year change with its mark ("▲ 5.6%"); empty when not published."""
    direction: int
    """1 for a rise, -1 for a fall, 0 for no change or none published: the colour to give it."""
    source: str
    """The source's id."""
    source_label: str
    """The source in a few words, for a table column: its publisher, else its title."""
    quote: str
    doubt: str
    note: str

    @property
    def qualified(self) -> str:
        """The value as the source states it: `over 10 bn yuan`."""
        return f"{self.qualifier} {self.value}" if self.qualifier else self.value

    @property
    def doubt_mark(self) -> str:
        return DOUBT_MARK if self.doubt else ""

    @property
    def details(self) -> str:
        """Period and change in one parenthesis-ready phrase: `2023, ▲ 5.6% y/y`."""
        parts = [self.period] if self.period else []
        if self.change:
            parts.append(f"{self.change} y/y")
        return ", ".join(parts)


def read_figure(figure: Figure, sources: Mapping[str, Source]) -> FigureReading:
    """How `figure` reads, with its source named from `sources`."""
    source = sources.get(figure.source)
    rate = figure.change
    return FigureReading(
        metric=clean(figure.metric),
        value=figure_value(figure),
        qualifier=clean(figure.qualifier),
        period=describe_period(figure.period) if figure.period else "",
        change=change(rate),
        direction=direction(rate),
        source=clean(figure.source),
        source_label=clean(source.publisher or source.title) if source else clean(figure.source),
        quote=clean(figure.quote),
        doubt=clean(figure.doubt),
        note=clean(figure.note),
    )


def source_line(source: Source | None, source_id: str, *, with_url: bool = False) -> str:
    """A source in one line: title, publisher, date (and where it was read)."""
    if source is None:
        return clean(source_id)
    parts = [source.title, source.publisher, source.date]
    if with_url:
        parts.append(source.url)
    return clean(", ".join(part for part in parts if part))


def citation(entity_name: str, figure: Figure, sources: Mapping[str, Source]) -> str:
    """A figure with its source line and quote, as pasted into a note or a message."""
    reading = read_figure(figure, sources)
    details = f" ({reading.details})" if reading.details else ""
    lines = [
        f"{clean(entity_name)}: {reading.metric}: {reading.qualified}{details}",
        f"Source: {source_line(sources.get(figure.source), figure.source, with_url=True)}",
        f"“{reading.quote}”",
    ]
    if reading.doubt:
        lines.append(f"Doubt: {reading.doubt}")
    return "\n".join(lines)


def series_notes(series: Series) -> list[tuple[str, str]]:
    """A series' scope, where it has one, and its confidence, as (label, text) lines."""
    notes = [("scope", clean(series.scope))] if series.scope else []
    notes.append(("confidence", clean(series.confidence)))
    return notes
