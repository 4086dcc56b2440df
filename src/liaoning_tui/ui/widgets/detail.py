"""The right-hand pane: everything the fact base knows about what the tree cursor is on.

Its parts are made once; a move updates their content and hides the parts that have none. Only the
heading is there for the first frame: the rest is mounted just after it, so the tree shows sooner.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import DataTable, Static

from liaoning_tui.facts.model import EMPTY, Entity, FactBase, Source
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.provenance import names_text
from liaoning_tui.facts.quotes import QuoteIndex
from liaoning_tui.facts.reading import FigureReading, read_figure, source_line
from liaoning_tui.facts.vocabulary import KINDS, RELATIONS
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.refs import SOURCES_GROUP, Ref
from liaoning_tui.ui.widgets.figure_table import FigureTable
from liaoning_tui.ui.widgets.link_list import LinkList
from liaoning_tui.ui.widgets.scroll_box import ScrollBox
from liaoning_tui.ui.widgets.series_spark import SeriesSparks

GROUP_LISTING = 200
"""A group pane lists this many members; the tree holds them all."""

LAYOUT = (
    ("heading", "heading"),
    ("aliases", "aliases"),
    ("summary", "summary"),
    ("figures-title", "section"),
    ("figures", ""),
    ("figure-note", ""),
    ("series-title", "section"),
    ("series", ""),
    ("statements-title", "section"),
    ("statements", "statements"),
    ("links-title", "section"),
    ("links", ""),
    ("more", "summary"),
    ("quotes-title", "section"),
    ("quotes", "quotes"),
)
"""The pane's parts, top to bottom, by id, with their class; `figures`, `series` and `links` are
widgets of their own."""
TEXT_PARTS = tuple(name for name, _ in LAYOUT if name not in {"figures", "series", "links"})


def figure_note(reading: FigureReading, source: str, palette: Palette) -> Text:
    """The selected figure in full: value, period, change, where it came from and any doubt."""
    out = Text()
    out.append(reading.metric, style="bold")
    out.append(": ")
    if reading.qualifier:
        out.append(f"{reading.qualifier} ")
    out.append(reading.value, style="bold")
    if reading.period:
        out.append(f" · {reading.period}")
    if reading.change:
        out.append(" · ")
        out.append(f"{reading.change} y/y", style=palette.direction(reading.direction))
    out.append("\n“")
    out.append(reading.quote, style="italic")
    out.append("”\n")
    out.append("— ", style="dim")
    out.append(source)
    if reading.note:
        out.append("\nnote: ", style="dim")
        out.append(reading.note)
    if reading.doubt:
        out.append(f"\n{reading.doubt_mark} doubt: ", style=f"bold {palette.doubt}")
        out.append(reading.doubt)
    return out


def section(title: str, count: int) -> Text:
    return Text(f"{title} ({count})")


@dataclass
class Page:
    """What the pane shows for one ref: each part's content, None for a part not shown."""

    parts: dict[str, Text | None] = field(default_factory=dict)
    entity: Entity | None = None
    links: list[tuple[Ref, Text]] = field(default_factory=list)

    def list_links(self, title: str, links: list[tuple[Ref, Text]]) -> None:
        self.links = links
        if links and title:
            self.parts["links-title"] = Text(title)


def part(name: str, classes: str) -> Widget:
    if name == "figures":
        return FigureTable(id=name)
    if name == "links":
        return LinkList(id=name)
    if name == "series":
        return SeriesSparks(id=name)
    return Static(classes=classes, id=name)


class DetailPane(ScrollBox):
    """Shows `ref` of `facts`; the explorer screen binds both."""

    facts: var[FactBase] = var(EMPTY, init=False)
    ref: var[Ref | None] = var(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quote_index = QuoteIndex(EMPTY)
        self.noted: tuple[FigureReading, ...] | None = None
        """The figures whose note is shown, and which one: a note is rendered once a move."""
        self.noted_index = -1
        self.has_body = False

    def compose(self) -> ComposeResult:
        name, classes = LAYOUT[0]
        yield Static(classes=classes, id=name)

    def on_mount(self) -> None:
        self._render_page()
        self.call_after_refresh(self._mount_body)
        self.app.theme_changed_signal.subscribe(self, self._recolour)

    def _recolour(self, _: object) -> None:
        """A new theme: the figure note was coloured from the old one."""
        table = self.figure_table
        self.noted = None
        if table is not None and table.selected is not None:
            self._note(table, table.selected)

    async def _mount_body(self) -> None:
        if not self.is_attached:
            return
        await self.mount(VerticalGroup(*(part(name, classes) for name, classes in LAYOUT[1:])))
        self.has_body = True
        self._render_page()

    def watch_facts(self, facts: FactBase) -> None:
        self.quote_index = QuoteIndex(facts)
        self._render_page()

    def watch_ref(self) -> None:
        self._render_page()
        self.scroll_home(animate=False)

    def _render_page(self) -> None:
        if not self.is_mounted:
            return
        page = self._page(self.ref)
        self._put("heading", page.parts.get("heading"))
        if not self.has_body:
            return
        for name in TEXT_PARTS[1:]:
            self._put(name, page.parts.get(name))
        table = self.query_one(FigureTable)
        entity = page.entity
        if entity is not None and entity.figures:
            table.display = True
            sources = self.facts.sources
            table.show(entity.figures, [read_figure(figure, sources) for figure in entity.figures])
            table.lay_out(self.content_size.width)
            self._note(table, 0)
        else:
            table.display = False
            table.show((), ())
        sparks = self.query_one(SeriesSparks)
        sparks.show(entity.series if entity is not None else ())
        sparks.display = bool(sparks.series)
        links = self.query_one(LinkList)
        links.show(page.links)
        links.display = bool(page.links)

    def _put(self, name: str, content: Text | None) -> None:
        part = self.query_one(f"#{name}", Static)
        part.display = content is not None
        if content is not None:
            part.update(content)

    def _page(self, ref: Ref | None) -> Page:
        facts = self.facts
        if ref is None:
            return Page({"summary": self._welcome()})
        if ref.kind == "entity" and ref.id in facts.entities:
            return self._entity(facts.entities[ref.id])
        if ref.kind == "source" and ref.id in facts.sources:
            return self._source(facts.sources[ref.id])
        if ref.kind == "group":
            return self._group(ref.id)
        return Page()

    def _welcome(self) -> Text:
        facts = self.facts
        out = plain(facts.title, "bold")
        out.append(
            f"\n\n{len(facts.entities)} entities, {facts.figure_count} figures, "
            f"{facts.series_count} series, {len(facts.sources)} sources.\n\n"
            "Move in the tree to read each one; every figure shows where it came from. "
            "Press ? for every key."
        )
        return out

    @staticmethod
    def _heading(name: str, name_zh: str, kind: str) -> Text:
        out = plain(name, "bold")
        if name_zh:
            out.append("  ")
            out.append_text(plain(name_zh))
        out.append("\n")
        out.append(kind, style="dim")
        return out

    def _entity(self, entity: Entity) -> Page:
        kind = KINDS[entity.kind].label
        if entity.date:
            kind += f" · {describe_period(entity.date)}"
        page = Page(entity=entity)
        parts = page.parts
        parts["heading"] = self._heading(entity.name, entity.name_zh, kind)
        if names := names_text(entity):
            parts["aliases"] = plain(names, "dim")
        if entity.summary:
            parts["summary"] = plain(entity.summary)
        if entity.figures:
            parts["figures-title"] = section("Figures", len(entity.figures))
        if entity.series:
            parts["series-title"] = section("Growth", len(entity.series))
        if entity.statements:
            parts["statements-title"] = Text("What the sources say")
            parts["statements"] = self._statements(entity)
        links = list(self._links(entity))
        page.list_links(f"Links ({len(links)})", links)
        quotes = self.quote_index.mentioning(entity)
        if quotes:
            parts["quotes-title"] = section("Quoted in", len(quotes))
            parts["quotes"] = Text("\n").join(
                Text.assemble("“", plain(quote, "italic"), "”") for quote in quotes
            )
        return page

    @staticmethod
    def _statements(entity: Entity) -> Text:
        out = Text()
        for statement in entity.statements:
            if out:
                out.append("\n")
            out.append("• ")
            if statement.date:
                out.append(f"{describe_period(statement.date)}: ", style="dim")
            out.append_text(plain(statement.text))
        return out

    def _links(self, entity: Entity) -> Iterator[tuple[Ref, Text]]:
        facts = self.facts
        for link in entity.links:
            target = facts.entities[link.target]
            yield (
                Ref.entity(target.id),
                self._link_label(RELATIONS[link.rel].label, "→", target, link.role),
            )
        for backlink in facts.backlinks(entity.id):
            origin = facts.entities[backlink.origin]
            yield (
                Ref.entity(origin.id),
                self._link_label(
                    RELATIONS[backlink.link.rel].inverse, "←", origin, backlink.link.role
                ),
            )
        for source_id in entity.cited_sources():
            source = facts.sources[source_id]
            yield Ref.source(source_id), Text.assemble(("source · ", "dim"), plain(source.title))

    @staticmethod
    def _link_label(relation: str, arrow: str, other: Entity, role: str) -> Text:
        label = Text.assemble((f"{relation} {arrow} ", "dim"), plain(other.name))
        label.append(f" ({KINDS[other.kind].label})", style="dim")
        if role:
            label.append(" · ")
            label.append_text(plain(role, "italic"))
        return label

    def _group(self, name: str) -> Page:
        facts = self.facts
        members: list[tuple[Ref, Text]]
        if name == SOURCES_GROUP:
            members = [
                (Ref.source(source.id), plain(source.title)) for source in facts.sources.values()
            ]
        else:
            members = [
                (Ref.entity(entity.id), self._member_label(entity))
                for entity in facts.entities.values()
                if KINDS[entity.kind].group == name
            ]
        page = Page()
        page.list_links("", members[:GROUP_LISTING])
        page.parts["heading"] = self._heading(name, "", f"{len(members)} in this group")
        page.parts["summary"] = plain("Enter on a line goes there; the tree shows the same list.")
        if len(members) > GROUP_LISTING:
            page.parts["more"] = Text(f"…and {len(members) - GROUP_LISTING} more in the tree.")
        return page

    @staticmethod
    def _member_label(entity: Entity) -> Text:
        label = plain(entity.name)
        count = len(entity.figures)
        if count:
            label.append(f" · {count} figure{'' if count == 1 else 's'}", style="dim")
        return label

    def _source(self, source: Source) -> Page:
        page = Page()
        page.parts["heading"] = self._heading(source.title, "", f"source · {source.kind}")
        lines = [
            Text.assemble((f"{label}: ", "dim"), plain(value))
            for label, value in (
                ("publisher", source.publisher),
                ("date", describe_period(source.date) if source.date else ""),
                ("read at", source.url),
                ("note", source.note),
            )
            if value
        ]
        if lines:
            page.parts["summary"] = Text("\n").join(lines)
        cited = self.facts.cited_by(source.id)
        page.list_links(
            f"Cited for ({len(cited)})",
            [
                (
                    Ref.entity(entity.id),
                    Text.assemble(plain(entity.name), (" · ", "dim"), plain(what, "dim")),
                )
                for entity, what in cited
            ],
        )
        return page

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if isinstance(table, FigureTable) and table.selected is not None:
            self._note(table, table.selected)

    def _note(self, table: FigureTable, index: int) -> None:
        if self.noted is table.readings and self.noted_index == index:
            return
        self.noted, self.noted_index = table.readings, index
        reading = table.readings[index]
        source = source_line(self.facts.sources.get(reading.source), reading.source)
        note = figure_note(reading, source, Palette.of(self.app))
        self._put("figure-note", note)

    def on_resize(self) -> None:
        if self.has_body:
            self.query_one(FigureTable).lay_out(self.content_size.width)

    @property
    def figure_table(self) -> FigureTable | None:
        """The figure table, when what is shown has figures."""
        if not self.has_body:
            return None
        table = self.query_one(FigureTable)
        return table if table.figures else None
