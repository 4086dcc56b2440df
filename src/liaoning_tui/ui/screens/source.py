"""The source of a figure, an entity or a source: title, publisher, date and the quoted passages."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

from liaoning_tui.facts.model import FactBase, Source
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.keys import RELOAD_IN_VIEW
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.refs import Ref, group_of
from liaoning_tui.ui.widgets.scroll_box import ScrollBox


def describe_source(source: Source) -> Text:
    out = Text()
    out.append_text(plain(source.title, "bold"))
    for label, value in (
        ("publisher", source.publisher),
        ("date", source.date),
        ("kind", source.kind),
        ("read at", source.url),
        ("note", source.note),
    ):
        if value:
            out.append(f"\n{label}: ", style="dim")
            out.append_text(plain(value))
    return out


def passage(quote: str, about: str = "") -> Text:
    out = Text()
    if about:
        out.append_text(plain(about, "dim"))
        out.append("\n")
    out.append("“")
    out.append_text(plain(quote, "italic"))
    out.append("”")
    return out


class SourceScreen(ModalScreen[None]):
    """Where something came from, word for word."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,s", "dismiss", "Close", id="close", tooltip="Back to the explorer"),
        RELOAD_IN_VIEW,
    ]

    def __init__(self, ref: Ref, *, figure: int | None = None) -> None:
        super().__init__()
        self.ref = ref
        self.figure = figure
        """The index of the entity's figure whose source is shown, or None for all its sources."""

    def follow_facts(self, facts: FactBase) -> str | None:
        """Show the same source in the new fact base, or say that it is gone."""
        if not group_of(facts, self.ref) or (
            self.figure is not None and self.figure >= len(facts.entities[self.ref.id].figures)
        ):
            return "The fact base was reloaded without what the source view showed: closed it."
        self.refresh(recompose=True)
        return None

    def compose(self) -> ComposeResult:
        with ScrollBox(id="source-box") as box:
            box.border_title = "Source"
            box.border_subtitle = "esc to close"
            yield from self._parts()

    def _parts(self) -> ComposeResult:
        facts = facts_of(self)
        if self.figure is not None:
            entity = facts.entities[self.ref.id]
            figure = entity.figures[self.figure]
            source = facts.sources.get(figure.source)
            if source is not None:
                yield Static(describe_source(source), classes="source")
            yield Static(passage(figure.quote, f"{entity.name}: {figure.metric}"))
            return
        if self.ref.kind == "source":
            yield Static(describe_source(facts.sources[self.ref.id]), classes="source")
            for entity, what in facts.cited_by(self.ref.id):
                yield Static(plain(f"{entity.name}: {what}", "dim"), classes="cited")
            return
        entity = facts.entities[self.ref.id]
        quotes_by_source: dict[str, list[tuple[str, str]]] = {}
        for figure in entity.figures:
            quotes_by_source.setdefault(figure.source, []).append((figure.quote, figure.metric))
        for statement in entity.statements:
            quotes_by_source.setdefault(statement.source, []).append(
                (statement.quote, statement.text)
            )
        for source_id in entity.cited_sources():
            yield Static(describe_source(facts.sources[source_id]), classes="source")
            seen: set[str] = set()
            for quote, about in quotes_by_source.get(source_id, []):
                if quote not in seen:
                    seen.add(quote)
                    yield Static(passage(quote, about), classes="passage")
