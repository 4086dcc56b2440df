"""An entity's detail as Rich renderables, for `liaoning-tui show` on a terminal or a pipe.

Everything that came from the fact base is built as `Text` from `display.clean` output, never
parsed as markup, so a name like `[b]x[/b]` shows its brackets.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from liaoning_tui.facts.display import change, clean, direction, number, series_unit
from liaoning_tui.facts.model import Entity, FactBase, Series
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.provenance import names_text
from liaoning_tui.facts.reading import read_figure
from liaoning_tui.facts.vocabulary import KINDS, RELATIONS
from liaoning_tui.rich_text import plain, series_notes

DIRECTION_STYLES = {1: "green", -1: "red", 0: ""}


def console(file: TextIO | None = None) -> Console:
    """A console that writes plain text to a pipe or a file, and plain text under NO_COLOR.

    Rich decides whether `file` is a terminal (FORCE_COLOR and TTY_COMPATIBLE count); NO_COLOR,
    when set and not empty, turns off styles altogether, not just colours.
    """
    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=file or sys.stdout,
        color_system=None if no_color else "auto",
        no_color=no_color,
        highlight=False,
        markup=False,
        emoji=False,
    )


def emit(out: Console, renderable: RenderableType) -> None:
    """Print `renderable`; to a pipe or file without the spaces that pad table cells."""
    if out.is_terminal:
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable)
    lines = captured.get().splitlines()
    out.file.write("".join(line.rstrip() + "\n" for line in lines))


def _change(value: float | None) -> Text:
    return Text(change(value), style=DIRECTION_STYLES[direction(value)])


def titled_table(title: str, *columns: str) -> Table:
    """The batch commands' table: a bold title on the left, a rule under the header, and
    columns that fold long words."""
    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _heading(entity: Entity) -> Text:
    out = plain(entity.name, "bold")
    if entity.name_zh:
        out.append("  ")
        out.append_text(plain(entity.name_zh, "bold"))
    out.append("\n")
    facts_line = [KINDS[entity.kind].label, entity.id]
    if entity.date:
        facts_line.append(describe_period(entity.date))
    out.append_text(plain(" · ".join(facts_line), "dim"))
    if names := names_text(entity):
        out.append("\n")
        out.append_text(plain(names, "dim"))
    return out


def _figures(facts: FactBase, entity: Entity) -> Iterator[RenderableType]:
    table = titled_table(
        f"Figures ({len(entity.figures)})",
        "#",
        "Metric",
        "Value",
        "Qualifier",
        "Period",
        "Change",
        "Source",
    )
    readings = [read_figure(figure, facts.sources) for figure in entity.figures]
    for number_, reading in enumerate(readings, start=1):
        value = Text(reading.value, style="bold")
        if reading.doubt:
            value.append(f" {reading.doubt_mark}", style="yellow")
        table.add_row(
            str(number_),
            Text(reading.metric),
            value,
            Text(reading.qualifier),
            Text(reading.period),
            Text(reading.change, style=DIRECTION_STYLES[reading.direction]),
            Text(reading.source),
        )
    yield table
    notes = _list()
    for number_, reading in enumerate(readings, start=1):
        note = Text.assemble("“", (reading.quote, "italic"), "”")
        if reading.note:
            note.append("\nnote: ", style="dim")
            note.append(reading.note)
        if reading.doubt:
            note.append(f"\n{reading.doubt_mark} doubt: ", style="bold yellow")
            note.append(reading.doubt)
        notes.add_row(Text(f"{number_}.", style="dim"), note)
    yield notes


def _list() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _series(series: Series) -> Iterator[RenderableType]:
    unit = series_unit(series)
    title = f"{clean(series.metric)} ({unit})" if unit else clean(series.metric)
    table = titled_table(title, "Period", "Value", "Change", "Source", "Note")
    for point in series.points:
        table.add_row(
            plain(describe_period(point.period)),
            Text("gap", style="dim") if point.value is None else Text(number(point.value)),
            _change(point.change),
            plain(point.source),
            plain(point.note),
        )
    yield table
    yield series_notes(series)


def _links(facts: FactBase, entity: Entity) -> Iterator[RenderableType]:
    rows: list[tuple[str, str, str]] = [
        (RELATIONS[link.rel].label, link.target, link.role) for link in entity.links
    ]
    rows += [
        (RELATIONS[back.link.rel].inverse, back.origin, back.link.role)
        for back in facts.backlinks(entity.id)
    ]
    if not rows:
        return
    table = titled_table(f"Links ({len(rows)})", "Relation", "Entity", "Id", "Role")
    for relation, other_id, role in rows:
        other = facts.entities.get(other_id)
        table.add_row(
            Text(relation), plain(other.name if other else ""), plain(other_id), plain(role)
        )
    yield table


def _statements(entity: Entity) -> Iterator[RenderableType]:
    statements = _list()
    for statement in entity.statements:
        out = plain(statement.text)
        if statement.date:
            out.append(f" ({describe_period(statement.date)})", style="dim")
        out.append("\n“")
        out.append_text(plain(statement.quote, "italic"))
        out.append("” ")
        out.append_text(plain(statement.source, "dim"))
        statements.add_row("•", out)
    yield Group(Text(f"Statements ({len(entity.statements)})", style="bold"), statements)


def _sources(facts: FactBase, entity: Entity) -> Iterator[RenderableType]:
    cited = [facts.sources[source] for source in entity.cited_sources() if source in facts.sources]
    if not cited:
        return
    sources = _list()
    sources.columns[0].justify = "left"
    for source in cited:
        about = plain(source.title)
        said = ", ".join(part for part in (source.publisher, source.date) if part)
        if said:
            about.append(" — ")
            about.append_text(plain(said))
        if source.url:
            about.append("\n")
            about.append_text(plain(source.url, "dim"))
        sources.add_row(plain(source.id), about)
    yield Group(Text(f"Sources ({len(cited)})", style="bold"), sources)


def detail(facts: FactBase, entity: Entity) -> Group:
    """Everything the fact base says of `entity`: heading, summary, figures, series, links."""
    parts: list[RenderableType] = [_heading(entity)]
    if entity.summary:
        parts.append(plain(entity.summary))
    if entity.figures:
        parts.extend(_figures(facts, entity))
    for series in entity.series:
        parts.extend(_series(series))
    parts.extend(_links(facts, entity))
    if entity.statements:
        parts.extend(_statements(entity))
    parts.extend(_sources(facts, entity))
    spaced: list[RenderableType] = []
    for part in parts:
        spaced += [part, Text()]
    return Group(*spaced[:-1])
