"""The right-hand pane: everything the fact base knows about what the tree cursor is on."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Static

from liaoning_tui.facts.display import change, figure_value
from liaoning_tui.facts.model import Entity, FactBase, Figure, Source
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.provenance import names_text
from liaoning_tui.facts.quotes import QuoteIndex
from liaoning_tui.facts.vocabulary import KINDS, RELATIONS
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.text import plain
from liaoning_tui.ui.widgets.fact_tree import SOURCES_GROUP
from liaoning_tui.ui.widgets.figure_table import DOUBT_MARK, FigureTable
from liaoning_tui.ui.widgets.link_list import LinkList
from liaoning_tui.ui.widgets.scroll_box import ScrollBox
from liaoning_tui.ui.widgets.sparkline import render_series


def figure_note(facts: FactBase, figure: Figure, palette: Palette) -> Text:
    """The selected figure in full: value, period, change, where it came from and any doubt."""
    out = Text()
    out.append_text(plain(figure.metric, "bold"))
    out.append(": ")
    if figure.qualifier:
        out.append(f"{figure.qualifier} ")
    out.append_text(plain(figure_value(figure), "bold"))
    if figure.period:
        out.append(f" · {describe_period(figure.period)}")
    if figure.change is not None:
        out.append(" · ")
        out.append(f"{change(figure.change)} y/y", style=palette.change(figure.change))
    out.append("\n")
    out.append("“")
    out.append_text(plain(figure.quote, "italic"))
    out.append("”\n")
    out.append("— ", style="dim")
    out.append_text(source_line(facts, figure.source))
    if figure.note:
        out.append("\nnote: ", style="dim")
        out.append_text(plain(figure.note))
    if figure.doubt:
        out.append(f"\n{DOUBT_MARK} doubt: ", style=f"bold {palette.warning}")
        out.append_text(plain(figure.doubt))
    return out


def source_line(facts: FactBase, source_id: str) -> Text:
    """A source in one line: title, publisher, date."""
    source = facts.sources.get(source_id)
    if source is None:
        return plain(source_id)
    parts = [part for part in (source.title, source.publisher, source.date) if part]
    return plain(", ".join(parts))


GROUP_LISTING = 200
"""A group pane lists this many members; the tree holds them all."""


class DetailPane(ScrollBox):
    """Shows `ref`; the explorer screen binds `ref` to what it has selected."""

    ref: reactive[Ref | None] = reactive(None, recompose=True)

    def __init__(self, facts: FactBase, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts = facts
        self._quote_index = QuoteIndex(facts)

    @property
    def quote_index(self) -> QuoteIndex:
        """The quotes of the fact base shown, indexed once per fact base."""
        if self._quote_index.facts is not self.facts:
            self._quote_index = QuoteIndex(self.facts)
        return self._quote_index

    def compose(self) -> ComposeResult:
        palette = Palette.of(self.app)
        ref = self.ref
        if ref is None:
            yield Static(self._welcome(), classes="summary")
        elif ref.kind == "entity" and ref.id in self.facts.entities:
            yield from self._entity(self.facts.entities[ref.id], palette)
        elif ref.kind == "source" and ref.id in self.facts.sources:
            yield from self._source(self.facts.sources[ref.id])
        elif ref.kind == "group":
            yield from self._group(ref.id)

    def _welcome(self) -> Text:
        facts = self.facts
        out = Text()
        out.append_text(plain(facts.title, "bold"))
        out.append(
            f"\n\n{len(facts.entities)} entities, {facts.figure_count} figures, "
            f"{facts.series_count} series, {len(facts.sources)} sources.\n\n"
            "Move in the tree to read each one; every figure shows where it came from. "
            "Press ? for every key."
        )
        return out

    def _heading(self, name: str, name_zh: str, kind: str) -> Static:
        out = Text()
        out.append_text(plain(name, "bold"))
        if name_zh:
            out.append("  ")
            out.append_text(plain(name_zh))
        out.append("\n")
        out.append(kind, style="dim")
        return Static(out, classes="heading")

    def _entity(self, entity: Entity, palette: Palette) -> Iterable[Widget]:
        kind = KINDS[entity.kind].label
        if entity.date:
            kind += f" · {describe_period(entity.date)}"
        yield self._heading(entity.name, entity.name_zh, kind)
        if names := names_text(entity):
            yield Static(plain(names, "dim"), classes="aliases")
        if entity.summary:
            yield Static(plain(entity.summary), classes="summary")
        if entity.figures:
            yield Static(f"Figures ({len(entity.figures)})", classes="section")
            yield FigureTable(self.facts, entity, palette)
            yield Static(figure_note(self.facts, entity.figures[0], palette), id="figure-note")
        if entity.series:
            yield Static(f"Growth ({len(entity.series)} series)", classes="section")
            for series in entity.series:
                yield Static(render_series(series, palette), classes="series")
        if entity.statements:
            yield Static("What the sources say", classes="section")
            statements = Text()
            for statement in entity.statements:
                if statements:
                    statements.append("\n")
                statements.append("• ")
                if statement.date:
                    statements.append(f"{describe_period(statement.date)}: ", style="dim")
                statements.append_text(plain(statement.text))
            yield Static(statements, classes="statements")
        links = list(self._links(entity))
        if links:
            yield Static(f"Links ({len(links)})", classes="section")
            yield LinkList(links, id="links")
        quotes = self.quote_index.mentioning(entity)
        if quotes:
            yield Static(f"Quoted in ({len(quotes)})", classes="section")
            text = Text()
            for quote in quotes:
                if text:
                    text.append("\n")
                text.append("“")
                text.append_text(plain(quote, "italic"))
                text.append("”")
            yield Static(text, classes="quotes")

    def _links(self, entity: Entity) -> Iterable[tuple[Ref, Text]]:
        for link in entity.links:
            target = self.facts.entities[link.target]
            yield (
                Ref.entity(target.id),
                self._link_label(RELATIONS[link.rel].label, "→", target, link.role),
            )
        for backlink in self.facts.backlinks(entity.id):
            origin = self.facts.entities[backlink.origin]
            yield (
                Ref.entity(origin.id),
                self._link_label(
                    RELATIONS[backlink.link.rel].inverse, "←", origin, backlink.link.role
                ),
            )
        for source_id in entity.cited_sources():
            source = self.facts.sources[source_id]
            label = Text.assemble(("source · ", "dim"), plain(source.title))
            yield Ref.source(source_id), label

    def _link_label(self, relation: str, arrow: str, other: Entity, role: str) -> Text:
        label = Text.assemble((f"{relation} {arrow} ", "dim"), plain(other.name))
        label.append(f" ({KINDS[other.kind].label})", style="dim")
        if role:
            label.append(" · ")
            label.append_text(plain(role, "italic"))
        return label

    def _group(self, name: str) -> Iterable[Widget]:
        if name == SOURCES_GROUP:
            members = [
                (Ref.source(source.id), plain(source.title))
                for source in self.facts.sources.values()
            ]
        else:
            members = [
                (Ref.entity(entity.id), self._member_label(entity))
                for entity in self.facts.entities.values()
                if KINDS[entity.kind].group == name
            ]
        yield self._heading(name, "", f"{len(members)} in this group")
        yield Static(
            plain("Enter on a line goes there; the tree shows the same list."), classes="summary"
        )
        yield LinkList(members[:GROUP_LISTING], id="links")
        if len(members) > GROUP_LISTING:
            yield Static(
                f"…and {len(members) - GROUP_LISTING} more in the tree.", classes="summary"
            )

    def _member_label(self, entity: Entity) -> Text:
        label = plain(entity.name)
        count = len(entity.figures)
        if count:
            label.append(f" · {count} figure{'' if count == 1 else 's'}", style="dim")
        return label

    def _source(self, source: Source) -> Iterable[Widget]:
        yield self._heading(source.title, "", f"source · {source.kind}")
        lines = Text()
        for label, value in (
            ("publisher", source.publisher),
            ("date", describe_period(source.date) if source.date else ""),
            ("read at", source.url),
            ("note", source.note),
        ):
            if value:
                if lines:
                    lines.append("\n")
                lines.append(f"{label}: ", style="dim")
                lines.append_text(plain(value))
        if lines:
            yield Static(lines, classes="summary")
        cited = self.facts.cited_by(source.id)
        if cited:
            yield Static(f"Cited for ({len(cited)})", classes="section")
            yield LinkList(
                (
                    (
                        Ref.entity(entity.id),
                        Text.assemble(plain(entity.name), (" · ", "dim"), plain(what, "dim")),
                    )
                    for entity, what in cited
                ),
                id="links",
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if not isinstance(event.data_table, FigureTable):
            return
        figure = event.data_table.selected
        notes = self.query("#figure-note").results(Static)
        for note in notes:
            if figure is not None:
                note.update(figure_note(self.facts, figure, Palette.of(self.app)))

    def on_resize(self) -> None:
        table = self.figure_table
        if table is not None:
            table.lay_out(self.content_size.width)

    @property
    def figure_table(self) -> FigureTable | None:
        """The figure table, when what is shown has figures."""
        tables = self.query(FigureTable)
        return tables.first() if tables else None
